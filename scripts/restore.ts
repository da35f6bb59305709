/**
 * Restores a file made by `npm run backup` into the app's database (DATABASE_URL, else the
 * embedded PGlite in PGLITE_DIR), from PGlite or PostgreSQL alike.
 *
 *   npm run restore -- /var/backups/eocwall/eocwall-2026-12-07.jsonl.gz [--force]
 *
 * The target must be an empty database (it is migrated first) at the backup's migration level;
 * --force replaces whatever the target holds. One transaction: a damaged file restores nothing.
 * Stop the app while restoring. Exit code 0 when restored, 1 otherwise.
 */
import { readBackupLines } from '../src/lib/server/backup/file';
import { BackupFileError, parseHeader } from '../src/lib/server/backup/format';
import { checkTarget, RestoreRefused, restoreRows } from '../src/lib/server/backup/restore';
import { fail, fileArgs, openAppDatabase, run } from './cli';

const USAGE =
	'usage: npm run restore -- FILE [--force]   (--force: replace what the database holds)';

async function main() {
	const { file, force } = fileArgs(USAGE, 'give one FILE to restore from');

	let lines, header;
	try {
		lines = readBackupLines(file);
		header = parseHeader((await lines.next()).value);
	} catch (e) {
		if (e instanceof BackupFileError) fail([`${file}: ${e.message}`]);
		throw e;
	}
	console.log(
		`${file}: a backup of ${header.tables.length} tables from ${header.backend}, made ${header.createdAt}`
	);
	const db = await openAppDatabase(true, 'restore');
	const started = Date.now();
	let error: string | null = null;
	try {
		await checkTarget(db, header, force);
		const s = await restoreRows(db, header, lines, force, (m) => console.log(m));
		const secs = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`restored ${s.rows} rows of ${s.tables} tables in ${secs} s`);
	} catch (e) {
		if (e instanceof RestoreRefused) error = `refused, nothing restored: ${e.message}`;
		else if (e instanceof BackupFileError) error = `${file}: ${e.message}`;
		else error = `the restore failed, nothing restored: ${(e as Error).message}`;
	} finally {
		await db.close();
	}
	if (error) fail([error]);
}

run(main);
