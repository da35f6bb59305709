import { createHash, randomBytes } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MIGRATIONS = join(ROOT, 'drizzle');

/**
 * A PGlite directory with every migration applied, made once per set of migrations and copied for
 * each test's fresh database. A new PGlite directory runs initdb in WebAssembly (seconds, more on a
 * busy machine); a copy opens in well under one. The app still runs its migrations at start-up
 * (none left to apply); tests of a first start on an empty directory ask for `{ empty: true }`.
 */
export async function migratedPgliteDir(): Promise<string> {
	const template = join(tmpdir(), `eocwall-pglite-template-${migrationsKey()}`);
	if (!existsSync(template)) {
		// Built aside and renamed into place, so two test processes never see half a template.
		const building = mkdtempSync(join(tmpdir(), 'eocwall-pglite-building-'));
		const db = await openDatabase({ PGLITE_DIR: building, DATABASE_URL: undefined });
		await db.migrate(MIGRATIONS);
		await db.close();
		try {
			renameSync(building, template);
		} catch {
			rmSync(building, { recursive: true, force: true }); // another process won the race
		}
	}
	const dir = join(tmpdir(), `eocwall-pglite-${randomBytes(6).toString('hex')}`);
	cpSync(template, dir, { recursive: true });
	return dir;
}

/** Changes with any migration file (and with the PGlite version, whose data format may change). */
function migrationsKey(): string {
	const h = createHash('sha256');
	for (const f of readdirSync(MIGRATIONS, { recursive: true }).map(String).sort()) {
		const p = join(MIGRATIONS, f);
		if (f.endsWith('.sql') || f.endsWith('.json')) h.update(f).update(readFileSync(p));
	}
	h.update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
	return h.digest('hex').slice(0, 16);
}
