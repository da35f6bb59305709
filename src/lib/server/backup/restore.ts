/**
 * Restores a backup (format.ts) into the app's database, in one transaction: a damaged or cut-short
 * file restores nothing. Before touching anything it checks the file against the target: the same
 * migration level (a backup is restored by the eocwall version that made it, then a newer version
 * migrates it as at any upgrade), the same tables, and an empty target unless `force`.
 */
import type { Database, Queryable } from '../db';
import {
	columnsOf,
	ident,
	migrationLevel,
	sequences,
	tablesInOrder,
	type Migration
} from './catalog';
import { PROGRESS_EVERY, type Summary } from './dump';
import { BackupFileError, parseControl, parseHeader, type Header } from './format';

/** The target does not fit the backup: nothing was written. */
export class RestoreRefused extends Error {}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 << 20;

function checkLevel(backup: Migration[], target: Migration[]) {
	const common = backup.findIndex((m, i) => target[i]?.hash !== m.hash);
	if (common === -1 && backup.length === target.length) return;
	const b = `the backup is at migration level ${backup.length}`;
	const t = `this eocwall and its database are at level ${target.length}`;
	if (common === -1)
		throw new RestoreRefused(
			`${b}, ${t}: the backup was made by an older eocwall. Restore it with that version (same ` +
				'migrations) into an empty database, then start this version: it migrates the data as at any upgrade.'
		);
	if (common >= target.length)
		throw new RestoreRefused(
			`${b}, ${t}: the backup was made by a newer eocwall. Restore it with that version or newer.`
		);
	throw new RestoreRefused(
		`${b}, ${t}, and migration ${common + 1} differs: the backup was made by another build of eocwall. Restore it with the version that made it.`
	);
}

async function nonEmpty(q: Queryable, tables: string[]): Promise<string[]> {
	const found: string[] = [];
	for (const t of tables) {
		const [{ n }] = await q.query<{ n: number }>(
			`select count(*)::int as n from public.${ident(t)}`
		);
		if (n > 0) found.push(`${t} (${n} rows)`);
	}
	return found;
}

/** Checks the header against the target database; throws RestoreRefused when they do not fit. */
export async function checkTarget(db: Database, header: Header, force: boolean): Promise<void> {
	checkLevel(header.migrations, await migrationLevel(db));
	const tables = await tablesInOrder(db);
	const missing = header.tables.filter((t) => !tables.includes(t));
	const extra = tables.filter((t) => !header.tables.includes(t));
	if (missing.length || extra.length)
		throw new BackupFileError(
			`the backup's tables do not match the database's at the same migration level (${[...missing, ...extra].join(', ')}): the file is damaged`
		);
	if (force) return;
	const filled = await nonEmpty(db, tables);
	if (filled.length)
		throw new RestoreRefused(
			`the target database is not empty: ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}. ` +
				'Restore into an empty database, or add --force to replace everything in this one.'
		);
}

/**
 * Reads the whole file into the database. `lines` yields the file's lines after the header. With
 * `force`, every table is emptied first, in the same transaction.
 */
export async function restoreRows(
	db: Database,
	header: Header,
	lines: AsyncIterator<string>,
	force: boolean,
	progress: (message: string) => void = () => {}
): Promise<Summary> {
	return db.transaction(async (tx) => {
		if (force)
			await tx.query(
				`truncate table ${header.tables.map((t) => `public.${ident(t)}`).join(', ')} restart identity cascade`
			);
		let n = 1;
		const next = async (): Promise<string> => {
			const r = await lines.next();
			n++;
			if (r.done)
				throw new BackupFileError(
					`the file ends at line ${n - 1}, before its end line: it was cut short (a full disk, a copy ` +
						'stopped early); nothing was restored'
				);
			return r.value;
		};
		let total = 0;
		for (const expected of header.tables) {
			const start = parseControl(await next(), n);
			if (start.kind !== 'table' || start.table !== expected)
				throw new BackupFileError(
					`line ${n}: expected the start of table ${expected}: the file is damaged`
				);
			const columns = await columnsOf(tx, expected);
			if (start.columns.join() !== columns.join())
				throw new BackupFileError(
					`line ${n}: the columns of ${expected} do not match the database's`
				);
			const target = `public.${ident(expected)}`;
			let batch: string[] = [];
			let chars = 0;
			let count = 0;
			// $1 as text: postgres.js would JSON-encode a string it is told is json, a second time.
			const flush = async () => {
				if (!batch.length) return;
				await tx.query(
					`insert into ${target} select * from json_populate_recordset(null::${target}, $1::text::json)`,
					[`[${batch.join(',')}]`]
				);
				batch = [];
				chars = 0;
			};
			for (;;) {
				const line = await next();
				if (!line.startsWith('{')) {
					const end = parseControl(line, n);
					if (end.kind !== 'rows' || end.table !== expected || end.count !== count)
						throw new BackupFileError(
							`line ${n}: table ${expected} should end here after ${count} rows: the file is damaged`
						);
					break;
				}
				try {
					JSON.parse(line);
				} catch {
					throw new BackupFileError(
						`line ${n} (a row of ${expected}) is not JSON: the file is damaged`
					);
				}
				batch.push(line);
				chars += line.length;
				count++;
				if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
				if (count % PROGRESS_EVERY === 0) progress(`  ${expected}: ${count} rows so far…`);
			}
			await flush();
			progress(`${expected}: ${count} rows`);
			total += count;
		}
		const seq = parseControl(await next(), n);
		if (seq.kind !== 'sequences')
			throw new BackupFileError(`line ${n}: expected the sequences: the file is damaged`);
		const known = await sequences(tx);
		for (const [name, value] of Object.entries(seq.values)) {
			if (!(name in known))
				throw new BackupFileError(`the backup's sequence ${name} is not in the database`);
			if (value !== null)
				await tx.query(`select setval($1::regclass, $2::bigint, true)`, [
					`public.${ident(name)}`,
					value
				]);
		}
		const end = parseControl(await next(), n);
		if (end.kind !== 'end' || end.rows !== total)
			throw new BackupFileError(
				`line ${n}: expected the end line with ${total} rows: the file is damaged`
			);
		for (let r = await lines.next(); !r.done; r = await lines.next())
			if (r.value.trim()) throw new BackupFileError(`line ${n + 1}: text after the end line`);
		return { tables: header.tables.length, rows: total };
	});
}

export { parseHeader };
