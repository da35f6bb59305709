import type { Queryable } from '../db/types';
import type { Removable } from '$lib/live/types';
import { viewsById, type ViewKind } from './views';

export const CHANGE_CHANNEL = 'eocwall_change';
// Held to the end of each writing transaction, so change ids commit in the order they were
// taken and a reader never sees id 11 before id 10 (which would be a gap on resume).
const CHANGE_LOCK = 0x0e0c_c4a6;

export type ChangeSet = Map<ViewKind, Set<string>>;

export function addChange(set: ChangeSet, kind: ViewKind, id: string): void {
	let ids = set.get(kind);
	if (!ids) set.set(kind, (ids = new Set()));
	ids.add(id);
}

/**
 * A deleted row the screens must drop: a view cannot be read for it, so the change carries its
 * kind and id (a `removed` event; the reducer takes it out, the device ACL's cache forgets it).
 */
export function addRemoval(set: ChangeSet, kind: Removable, id: string): void {
	addChange(set, 'removed', `${kind}:${id}`);
}

/**
 * Appends the current view of every changed entity to the change log and NOTIFYs, inside the
 * caller's transaction: the notification goes out on commit, to every instance on the database.
 */
export async function recordChanges(tx: Queryable, set: ChangeSet): Promise<number> {
	if (set.size === 0) return 0;
	await tx.query(`select pg_advisory_xact_lock(${CHANGE_LOCK})`);
	let count = 0;
	for (const [kind, ids] of set) {
		const rows = await tx.query<{ n: number }>(
			`with v as (${viewsById[kind]})
			insert into change (kind, entity_id, data) select '${kind}', entity_id, data from v
			returning 1 as n`,
			[[...ids]]
		);
		count += rows.length;
	}
	await tx.query(`select pg_notify('${CHANGE_CHANNEL}', '')`);
	return count;
}
