// The production path of docs/deploy.md ("Build"): the built artifact (build/, drizzle/, deploy/,
// scripts/*.js, package.json, package-lock.json) copied to an empty directory, `npm ci --omit=dev`
// there (offline: from npm's cache), then the server started and `npm run user:add`, `backup` and
// `restore` run, with no dev package installed. `npm test` has built build/ already.
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { runCommand } from './helpers/run';

const dir = mkdtempSync(join(tmpdir(), 'eocwall-prod-'));
const dbs: TestDatabase[] = [];

const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
	runCommand(cmd, args, dir, env);

beforeAll(async () => {
	for (const part of ['build', 'drizzle', 'deploy', 'package.json', 'package-lock.json'])
		cpSync(join(ROOT, part), join(dir, part), { recursive: true });
	mkdirSync(join(dir, 'scripts'));
	for (const f of readdirSync(join(ROOT, 'scripts')).filter((f) => f.endsWith('.js')))
		cpSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f));
	const ci = await run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund']);
	expect(ci.err + ci.out).not.toMatch(/ERR!/);
	expect(ci.code).toBe(0);
}, 600_000);

afterAll(async () => {
	for (const t of dbs) await t.drop();
	rmSync(dir, { recursive: true, force: true });
});

describe(`a production install (${BACKEND})`, () => {
	it('has every runtime package and none of the dev packages', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		for (const name of Object.keys(pkg.dependencies))
			expect(existsSync(join(dir, 'node_modules', name)), name).toBe(true);
		for (const name of ['vite', 'tsx', '@sveltejs/kit', 'svelte', 'vitest', 'typescript'])
			expect(existsSync(join(dir, 'node_modules', name)), name).toBe(false);
	});

	it('starts the server, and runs user:add, backup and restore', async () => {
		const source = await freshDatabase();
		dbs.push(source);
		const add = await run(
			'npm',
			['run', '--silent', 'user:add', '--', '--email', 'duty@eoc.example.tj', '--role', 'admin'],
			source.env
		);
		expect(add.err).toBe('');
		expect(add.code).toBe(0);
		expect(add.out).toMatch(/added duty@eoc\.example\.tj .*role admin\none-time password: \S{8,}/);

		const app = await startApp(
			{ ...source.env, ...(await mqttEnv()) },
			{ entry: join(dir, 'build', 'index.js') }
		);
		try {
			const health = await app.getJson<{ status: string }>('/api/health');
			expect(health.status).toBe('ok');
			expect((await app.fetch('/login')).status).toBe(200);
		} finally {
			expect(await app.kill()).toBe(0);
		}

		const file = join(dir, 'eocwall.jsonl.gz');
		const backup = await run('npm', ['run', '--silent', 'backup', '--', file], source.env);
		expect(backup.err).toBe('');
		expect(backup.code).toBe(0);
		const target = await freshDatabase();
		dbs.push(target);
		const restore = await run('npm', ['run', '--silent', 'restore', '--', file], target.env);
		expect(restore.err).toBe('');
		expect(restore.code).toBe(0);
		expect(restore.out).toMatch(/restored \d+ rows/);

		const db = await openDatabase({
			DATABASE_URL: target.env.DATABASE_URL,
			PGLITE_DIR: target.env.PGLITE_DIR
		});
		try {
			const users = await db.query<{ email: string }>(
				`select email from user_account order by email`
			);
			expect(users.map((u) => u.email)).toContain('duty@eoc.example.tj');
		} finally {
			await db.close();
		}
	});
});
