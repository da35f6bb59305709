import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Opens a PGlite data dir the app has released and runs count queries on it. */
export async function pgliteCounts(dir: string, queries: Record<string, string>) {
	const pg = await PGlite.create({ dataDir: join(dir, 'pg') });
	try {
		const out: Record<string, number> = {};
		for (const [k, q] of Object.entries(queries)) {
			out[k] = (await pg.query<{ n: number }>(q)).rows[0].n;
		}
		return out;
	} finally {
		await pg.close();
	}
}
