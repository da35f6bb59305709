import type { Config } from '../app/config';
import type { Database } from './types';

export type { Database, Queryable } from './types';

/** DATABASE_URL given: a real PostgreSQL; absent: embedded PGlite in PGLITE_DIR. */
export async function openDatabase(
	config: Pick<Config, 'DATABASE_URL' | 'PGLITE_DIR'>
): Promise<Database> {
	if (config.DATABASE_URL) {
		const { openPostgres } = await import('./postgres');
		return openPostgres(config.DATABASE_URL);
	}
	const { openPglite } = await import('./pglite');
	return openPglite(config.PGLITE_DIR);
}
