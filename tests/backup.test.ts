// `npm run backup` and `npm run restore` (the built tools, as an operator runs them) on the suite's
// backend: every table filled (demo data, principals, generated rows for the rest), backed up,
// restored into an empty database, and compared row by row; then the files and targets a restore
// must refuse, each with a message that says why, and nothing written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesInOrder } from '../src/lib/server/backup/catalog';
import { openDatabase, type Database } from '../src/lib/server/db';
import { seedDemo } from '../src/lib/server/seed/demo';
import { ROOT } from './helpers/app';
import { BACKEND, freshDatabase, REAL, type TestDatabase } from './helpers/backend';
import { everyRow, fillEmptyTables } from './helpers/fill';
import { seedPrincipals } from './helpers/principals';
import { runCommand } from './helpers/run';

/** `npm run <tool> -- args` without npm: scripts/tool.js is what the npm script runs. */
const tool = (name: string, args: string[], env: Record<string, string>) =>
	runCommand(process.execPath, ['scripts/tool.js', name, ...args], ROOT, env);

async function open(t: TestDatabase): Promise<Database> {
	const db = await openDatabase({ DATABASE_URL: t.env.DATABASE_URL, PGLITE_DIR: t.env.PGLITE_DIR });
	await db.migrate(join(ROOT, 'drizzle'));
	return db;
}

async function rowsOf(t: TestDatabase) {
	const db = await open(t);
	try {
		return await everyRow(db);
	} finally {
		await db.close();
	}
}

const dir = mkdtempSync(join(tmpdir(), 'eocwall-backup-'));
const file = join(dir, 'eocwall.jsonl.gz');
const dbs: TestDatabase[] = [];
let source: TestDatabase;
let before: Record<string, string[]>;

async function target(): Promise<TestDatabase> {
	const t = await freshDatabase();
	dbs.push(t);
	return t;
}

beforeAll(async () => {
	source = await target();
	await seedPrincipals(source.env);
	const db = await open(source);
	try {
		expect(await seedDemo(db)).toBe(true);
		await fillEmptyTables(db);
		before = await everyRow(db);
		// Every table of the catalogue holds rows: a table added later is covered by this test.
		const tables = await tablesInOrder(db);
		expect(tables.length).toBeGreaterThan(20);
		for (const t of tables) expect(before[t]?.length, t).toBeGreaterThan(0);
	} finally {
		await db.close();
	}
});

afterAll(async () => {
	for (const t of dbs) await t.drop();
	rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${BACKEND})`, () => {
	let restored: TestDatabase;

	it('backs up every table and restores it into an empty database with every row equal', async () => {
		const b = await tool('backup', [file], source.env);
		expect(b.err).toBe('');
		expect(b.code).toBe(0);
		expect(b.out).toMatch(/user_account: \d+ rows/);
		expect(b.out).toMatch(/backed up \d+ rows of \d+ tables/);
		expect((await readFileSync(file)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

		restored = await target();
		const r = await tool('restore', [file], restored.env);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/restored \d+ rows of \d+ tables/);
		expect(await rowsOf(restored)).toEqual(before);
		// The source is untouched by its backup.
		expect(await rowsOf(source)).toEqual(before);
	});

	it('refuses a target that holds rows, and --force replaces them', async () => {
		const again = await tool('restore', [file], restored.env);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(
			/refused, nothing restored: the target database is not empty: .*--force/
		);

		const db = await open(restored);
		await db.query(`delete from team where id in (select id from team limit 2)`);
		await db.query(`update incident set title = 'changed after the backup'`);
		await db.close();
		expect(await rowsOf(restored)).not.toEqual(before);
		const forced = await tool('restore', [file, '--force'], restored.env);
		expect(forced.code).toBe(0);
		expect(await rowsOf(restored)).toEqual(before);
	});

	it('says why a file is not a backup it can restore, and writes nothing', async () => {
		const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
		const rowAt = lines.findIndex((l) => l.startsWith('{'));
		const variant = (name: string, text: string | Buffer) => {
			writeFileSync(join(dir, name), text);
			return join(dir, name);
		};
		const cases: [string, RegExp][] = [
			[join(dir, 'nowhere.jsonl'), /nowhere\.jsonl: cannot read: no such file/],
			[variant('hello.txt', 'hello\n'), /not an eocwall backup/],
			[variant('cut.jsonl', lines.slice(0, Math.floor(lines.length / 2)).join('\n')), /cut short/],
			[
				variant('broken.jsonl', lines.map((l, i) => (i === rowAt ? l.slice(0, -3) : l)).join('\n')),
				new RegExp(`line ${rowAt + 1} \\(a row of \\w+\\) is not JSON`)
			],
			[
				variant('garbage.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip')])),
				/garbage\.gz: cannot read: /
			],
			[
				variant('cut.jsonl.gz', readFileSync(file).subarray(0, 2000)),
				/cut\.jsonl\.gz: cannot read: unexpected end of file/
			]
		];
		const empty = await target();
		for (const [path, message] of cases) {
			const r = await tool('restore', [path], empty.env);
			expect(r.code, path).toBe(1);
			expect(r.err, path).toMatch(message);
		}
		const rows = await rowsOf(empty);
		for (const [name, values] of Object.entries(rows))
			if (!name.startsWith('sequence ')) expect(values, name).toEqual([]);
	});

	it('refuses a backup made at another migration level, naming both levels', async () => {
		const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
		const [format, version, header] = JSON.parse(lines[0]);
		const level = header.migrations.length;
		const at = (migrations: unknown[], name: string) =>
			writeFileSync(
				join(dir, name),
				[JSON.stringify([format, version, { ...header, migrations }]), ...lines.slice(1)].join('\n')
			);
		at(header.migrations.slice(0, -1), 'older.jsonl');
		at([...header.migrations, { hash: 'f'.repeat(64), createdAt: '9999999999999' }], 'newer.jsonl');
		const empty = await target();
		const older = await tool('restore', [join(dir, 'older.jsonl')], empty.env);
		expect(older.code).toBe(1);
		expect(older.err).toContain(
			`the backup is at migration level ${level - 1}, this eocwall and its database are at level ${level}: the backup was made by an older eocwall`
		);
		const newer = await tool('restore', [join(dir, 'newer.jsonl')], empty.env);
		expect(newer.code).toBe(1);
		expect(newer.err).toContain(`migration level ${level + 1}`);
		expect(newer.err).toContain('made by a newer eocwall');
	});

	it('backs up while another process uses the database on PostgreSQL; on PGlite says to stop it', async () => {
		const busy = await open(source); // as the running app holds it
		try {
			const out = join(dir, 'busy.jsonl');
			const r = await tool('backup', [out], source.env);
			if (REAL) {
				expect(r.code).toBe(0);
				expect(r.out).toMatch(/backed up/);
			} else {
				expect(r.code).toBe(1);
				expect(r.err).toContain(`is in use by another eocwall process (pid ${process.pid})`);
				expect(r.err).toMatch(
					/allows one process at a time: stop the app .*run backup, then start it again/
				);
			}
		} finally {
			await busy.close();
		}
	});

	it('does not overwrite an existing file unless told to', async () => {
		const r = await tool('backup', [file], source.env);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/exists already: .*--force/);
	});
});
