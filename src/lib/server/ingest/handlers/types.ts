import type { ParsedMessage, ResourceStatus } from '$lib/contracts';
import type { Queryable } from '../../db/types';
import type { ChangeSet } from '../../live/changes';
import type { EmergencySignal } from '../../alarms/types';

export type Of<F extends ParsedMessage['family']> = Extract<ParsedMessage, { family: F }>;

/**
 * A resource whose status a report changed (entities/resource/status.ts): what the request
 * lifecycle moves on (en route, on scene).
 */
export interface ResourceStatusMove {
	id: string;
	status: ResourceStatus;
	/** The time of the report that set it. */
	ts: Date;
	exercise: string | null;
	/** The status it held before. */
	from: string;
}

/** What a handler learns inside the transaction that the engine needs after the commit. */
export interface HandlerOut {
	/** Team emergencies a device raised (a Meshtastic SOS): its team is known only in here. */
	emergencies: EmergencySignal[];
}

/** One handler per topic family: writes its (new, valid) messages and names what changed. */
export type Handler<F extends ParsedMessage['family']> = (
	tx: Queryable,
	messages: Of<F>[],
	changes: ChangeSet,
	out: HandlerOut
) => Promise<void>;

/**
 * The newest message per key, by its own ts (ties: the later one in the batch), sorted by key:
 * upserts then lock rows in one order, so concurrent transactions cannot deadlock.
 */
export function newestBy<T extends { ts: Date }>(items: T[], key: (t: T) => string): T[] {
	const best = new Map<string, T>();
	for (const item of items) {
		const k = key(item);
		const held = best.get(k);
		if (!held || held.ts.getTime() <= item.ts.getTime()) best.set(k, item);
	}
	return [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
