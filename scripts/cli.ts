/**
 * What the command-line tools share: failing with a message and exit code 1, and opening the
 * database the app uses (DATABASE_URL, else the embedded PGlite in PGLITE_DIR), migrated.
 */
import { ConfigError, loadConfig, type Config } from '../src/lib/server/config';
import { openDatabase, type Database } from '../src/lib/server/db';
import { migrationsFolder } from '../src/lib/server/services';

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
export async function openAppDatabase(verbose = false): Promise<Database> {
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
				: 'Is the app running on this PGLITE_DIR? Stop it first (one process at a time).'
		])
	);
	await db.migrate(migrationsFolder());
	return db;
}

/** Runs a tool's main, turning an unexpected error into exit code 1. */
export function run(main: () => Promise<void>): void {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
