import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import * as schema from './schema';
import type { Database, Queryable } from './types';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * PGlite keeps its data in one directory that only one process may open: two processes writing
 * it would corrupt it. A pid file says so plainly instead.
 */
function lockDir(dir: string): () => void {
	const lock = join(dir, 'eocwall.pid');
	try {
		const pid = Number(readFileSync(lock, 'utf8'));
		if (pid && pid !== process.pid && isAlive(pid)) {
			throw new Error(
				`PGLITE_DIR ${dir} is in use by another eocwall process (pid ${pid}). ` +
					'Stop it, or set PGLITE_DIR to another directory, or DATABASE_URL to a PostgreSQL server.'
			);
		}
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
	}
	writeFileSync(lock, String(process.pid));
	return () => rmSync(lock, { force: true });
}

export async function openPglite(dir: string): Promise<Database> {
	const dataDir = resolve(dir);
	mkdirSync(dataDir, { recursive: true });
	const unlock = lockDir(dataDir);
	const pg = await PGlite.create({ dataDir: join(dataDir, 'pg') });
	const orm = drizzle(pg, { schema });
	const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			return (await q.query<T>(text, params)).rows;
		},
		async copyIn(table, columns, data) {
			if (!data) return;
			// PGlite reads COPY … FROM '/dev/blob' from the blob given with the query.
			await q.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
				blob: new Blob([data])
			});
		}
	});
	const db: Database = {
		kind: 'pglite',
		orm: orm as unknown as Database['orm'],
		...asQueryable(pg),
		transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
		listen: async (channel, onPayload) => {
			const off = await pg.listen(channel, onPayload);
			return () => off();
		},
		migrate: async (folder) => {
			await migrate(orm, { migrationsFolder: folder });
		},
		close: async () => {
			await pg.close();
			unlock();
		}
	};
	return db;
}
