import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { ROOT } from './app';

/** A resource of the register, as a test needs one (the register's own screens are not used). */
export interface TestResource {
	id: string;
	teamId?: string | null;
	exercise?: string | null;
	kindId?: string;
}

/**
 * Puts resources into the database of an app that has not started yet (PGlite allows one process)
 * or of a running app on PostgreSQL: a plain SQL insert, migrated first.
 */
export async function insertResources(
	env: Record<string, string>,
	resources: TestResource[]
): Promise<void> {
	const db = await openDatabase({
		DATABASE_URL: env.DATABASE_URL,
		PGLITE_DIR: env.PGLITE_DIR ?? './data/pglite'
	});
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		for (const r of resources)
			await db.query(
				`insert into resource (id, kind_id, name, team_id, exercise) values ($1, $2, $3, $4, $5)`,
				[r.id, r.kindId ?? 'excavator', `Test ${r.id}`, r.teamId ?? null, r.exercise ?? null]
			);
	} finally {
		await db.close();
	}
}

/** A valid `eoc/v1/resources/{id}/status` payload; `overrides` (undefined: drop the field). */
export function resourceStatus(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const out: Record<string, unknown> = {
		msgId: randomUUID(),
		ts: new Date().toISOString(),
		status: 'en_route',
		lat: 37.91,
		lon: 69.78,
		fuelPct: 64,
		...overrides
	};
	for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
	return out;
}
