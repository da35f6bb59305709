/**
 * Writes a backup of the whole database (format.ts) from one consistent snapshot: a read-only
 * repeatable-read transaction, so rows the ingest commits meanwhile are either all in or all out.
 * Rows are read through a cursor, a batch at a time, so a table of millions does not sit in memory.
 */
import type { Database } from '../db';
import { columnsOf, ident, migrationLevel, sequences, tablesInOrder } from './catalog';
import { controlLine, headerLine } from './format';

const BATCH = 2000;
/** Rows between two progress lines within one table. */
export const PROGRESS_EVERY = 100_000;

export interface Summary {
	tables: number;
	rows: number;
}

export async function writeBackup(
	db: Database,
	write: (line: string) => Promise<void>,
	progress: (message: string) => void = () => {}
): Promise<Summary> {
	return db.transaction(async (tx) => {
		await tx.query('set transaction isolation level repeatable read, read only');
		const tables = await tablesInOrder(tx);
		const migrations = await migrationLevel(tx);
		await write(
			headerLine({ createdAt: new Date().toISOString(), backend: db.kind, migrations, tables })
		);
		let total = 0;
		for (const table of tables) {
			await write(controlLine({ kind: 'table', table, columns: await columnsOf(tx, table) }));
			await tx.query(
				`declare eocwall_backup no scroll cursor for select row_to_json(t)::text as r from public.${ident(table)} t`
			);
			let count = 0;
			for (;;) {
				const rows = await tx.query<{ r: string }>(`fetch ${BATCH} from eocwall_backup`);
				for (const { r } of rows) await write(r);
				count += rows.length;
				if (rows.length > 0 && count % PROGRESS_EVERY < rows.length)
					progress(`  ${table}: ${count} rows so far…`);
				if (rows.length < BATCH) break;
			}
			await tx.query('close eocwall_backup');
			await write(controlLine({ kind: 'rows', table, count }));
			progress(`${table}: ${count} rows`);
			total += count;
		}
		await write(controlLine({ kind: 'sequences', values: await sequences(tx) }));
		await write(controlLine({ kind: 'end', rows: total }));
		return { tables: tables.length, rows: total };
	});
}
