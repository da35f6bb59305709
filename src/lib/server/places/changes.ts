/**
 * "The places changed": an admin saved a place, or a reference layer was imported or deleted.
 * The place index (index.ts) rebuilds on the next search instead of on every one. This instance
 * hears it at once; the others through NOTIFY on `places_changed`.
 */
import type { Queryable } from '../db/types';

export const PLACES_CHANNEL = 'places_changed';

const listeners = new Set<() => void>();

/** Calls `fn` whenever this instance changes the places; returns the unsubscribe function. */
export function onPlacesChanged(fn: () => void): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

/** Call after the change is committed (inside a transaction, NOTIFY waits for the commit). */
export async function placesChanged(db: Queryable): Promise<void> {
	for (const fn of listeners) fn();
	await db.query(`select pg_notify('${PLACES_CHANNEL}', '')`);
}
