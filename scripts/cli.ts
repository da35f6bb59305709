/**
 * What the command-line tools share: failing with a message and exit code 1, and opening the
 * database the app uses (DATABASE_URL, else the embedded PGlite in PGLITE_DIR), migrated.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../src/lib/server/app/config';
import { openDatabase, type Database } from '../src/lib/server/db';
import { migrationsFolder } from '../src/lib/server/app/services';

export function fail(lines: string[]): never {
	console.error(lines.filter(Boolean).join('\n'));
	process.exit(1);
}

/** The app's configuration (environment, .env not read); a bad one fails with its messages. */
export function appConfig(): Config {
	try {
		return loadConfig();
	} catch (e) {
		if (e instanceof ConfigError) fail([e.message]);
		throw e;
	}
}

/** Opens and migrates the app's database, saying which one; fails with a message a person can act on. */
export async function openAppDatabase(verbose = false, task = 'this command'): Promise<Database> {
	const config = appConfig();
	if (verbose)
		console.log(
			`opening ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.PGLITE_DIR}`}…`
		);
	const db = await openDatabase(config).catch((e: Error) =>
		fail([
			`cannot open the database: ${e.message}`,
			config.DATABASE_URL
				? ''
				: `The embedded database (PGlite) allows one process at a time: stop the app (e.g. systemctl stop eocwall), run ${task}, then start it again.`
		])
	);
	await db.migrate(migrationsFolder());
	return db;
}

/** `TOOL -- FILE [--force]` (backup, restore): the file and the flag, or exit 1 with the usage. */
export function fileArgs(usage: string, missing: string): { file: string; force: boolean } {
	let parsed;
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: { force: { type: 'boolean' }, help: { type: 'boolean' } }
		});
	} catch (e) {
		fail([(e as Error).message, usage]);
	}
	if (parsed.values.help) {
		console.log(usage);
		process.exit(0);
	}
	const [file, ...rest] = parsed.positionals;
	if (!file || rest.length) fail([missing, usage]);
	return { file, force: Boolean(parsed.values.force) };
}

/** Runs a tool's main, turning an unexpected error into exit code 1. */
export function run(main: () => Promise<void>): void {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
