/**
 * Backs up the app's database (DATABASE_URL, else the embedded PGlite in PGLITE_DIR) into one file
 * that `npm run restore` reads on either backend (src/lib/server/backup/format.ts).
 *
 *   npm run backup -- /var/backups/eocwall/eocwall-2026-12-07.jsonl.gz
 *
 * A name ending in .gz is compressed. On PostgreSQL it runs while the app runs (one consistent
 * snapshot); the embedded database allows one process, so there stop the app first. Exit code 0
 * when the file is complete, 1 otherwise (and no file is left under FILE).
 */
import { existsSync } from 'node:fs';
import { writeBackup } from '../src/lib/server/backup/dump';
import { openBackupOut } from '../src/lib/server/backup/file';
import { fail, fileArgs, openAppDatabase, run } from './cli';

const USAGE =
	'usage: npm run backup -- FILE [--force]   (FILE.gz: compressed; --force: overwrite FILE)';

async function main() {
	const { file, force } = fileArgs(USAGE, 'give one FILE to write the backup to');
	if (existsSync(file) && !force)
		fail([`${file} exists already: choose another name, or add --force to overwrite it`]);

	const db = await openAppDatabase(true, 'backup');
	const out = openBackupOut(file);
	const started = Date.now();
	let error: string | null = null;
	try {
		const s = await writeBackup(
			db,
			(line) => out.write(line),
			(m) => console.log(m)
		);
		await out.finish();
		const secs = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`backed up ${s.rows} rows of ${s.tables} tables to ${file} in ${secs} s`);
	} catch (e) {
		await out.abort();
		error = `the backup failed, no file written: ${(e as Error).message}`;
	} finally {
		await db.close();
	}
	if (error) fail([error]);
}

run(main);
