import type { Queryable } from '../db/types';

/**
 * A part of the demo written once into a demo database (the register, the contacts): in the
 * caller's transaction, locked so that instances starting together write it once, and only where
 * the database is the demo's. True when the caller is to write it now (the marker is taken).
 */
export async function takeDemoMarker(t: Queryable, marker: string): Promise<boolean> {
	await t.query(`select pg_advisory_xact_lock(hashtext($1))`, [marker]);
	const [seed] = await t.query<{ kind: string | null }>(
		`select value->>'kind' as kind from meta where key = 'seed'`
	);
	if (seed?.kind !== 'demo') return false;
	const marked = await t.query(
		`insert into meta (key, value, updated_at) values ($1, 'true'::jsonb, now())
		on conflict (key) do nothing returning key`,
		[marker]
	);
	return marked.length > 0;
}
