import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { adminSocketPath } from '../src/lib/server/admin-socket/server';
import { createFirstAdmin, SETUP_LOCK } from '../src/lib/server/auth/setup';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { ARTIFACTS, launch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';
import { waitFor } from './helpers/ports';

const LINK = /eocwall: create the first admin at (\S+)/;
const PASSWORD = 'kulob-mudflow-2026';

/** The setup link the app printed on its console. */
async function printedLink(app: RunningApp): Promise<URL> {
	const m = await waitFor('the setup link', () => app.output().match(LINK), 15_000);
	return new URL(m[1]);
}

/** The app's output lines that are JSON log records (pino), parsed. */
function jsonLines(app: RunningApp): Record<string, unknown>[] {
	return app
		.output()
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * `npm run user:add` as a person runs it, against the app's database. Not spawnSync: a blocked
 * event loop would miss the app closing idle keep-alive connections, and reuse a dead one.
 */
function userAdd(db: TestDatabase, ...args: string[]) {
	return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
		// The built tool, as `npm run user:add` runs it (scripts/tool.js), not its TypeScript source.
		const p = spawn(process.execPath, ['scripts/tool.js', 'user-add', ...args], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', EOC_DOTENV: 'off', ...db.env }
		});
		let stdout = '';
		let stderr = '';
		p.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
		p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
		p.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

describe(`the first run from an empty database, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let browser: Browser;
	let link: URL;

	beforeAll(async () => {
		db = await freshDatabase({ empty: true });
		// info, as `npm start` logs by default: the token must not be in those lines either.
		app = await startApp(
			{ ...db.env, ...(await mqttEnv()), LOG_LEVEL: 'info' },
			{ principals: false }
		);
		link = await printedLink(app);
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('prints a one-time setup link on the console, and keeps its token out of the JSON log', () => {
		expect(link.origin).toBe(`http://localhost:${app.port}`);
		expect(link.pathname).toBe('/setup');
		const token = link.searchParams.get('token') ?? '';
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
		const records = jsonLines(app);
		expect(records.some((r) => String(r.msg).includes('setup link'))).toBe(true);
		expect(records.map((r) => JSON.stringify(r)).filter((l) => l.includes(token))).toEqual([]);
		// The line a person sees stands on its own, not inside a JSON record.
		expect(app.output()).toContain(`\neocwall: create the first admin at ${link.href}\n`);
	});

	it('answers a wrong or missing token with a plain page that gives nothing away', async () => {
		const c = new FormClient(app.url);
		const wrong = link.searchParams.get('token')?.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'));
		for (const path of [`/setup?token=${wrong}`, '/setup?token=', '/setup']) {
			const r = await c.get(path);
			expect(r.status, path).toBe(200);
			const html = await r.text();
			expect(testId(html, 'setup-bad-token')).toContain('This setup link is not valid');
			expect(html).not.toContain('name="password"');
			expect(html).not.toContain(link.searchParams.get('token'));
		}
		expect(c.cookies.has('eocwall_setup')).toBe(false);
		// A post without the token creates nobody.
		const post = await c.post('/setup', {
			email: 'intruder@example.org',
			name: 'Intruder',
			password: PASSWORD,
			repeat: PASSWORD
		});
		expect(post.status).toBe(400);
		expect(testId(await post.text(), 'setup-bad-token')).toContain('not valid');
		const login = await (await c.get('/login')).text();
		expect(testId(login, 'no-users')).toContain('setup link');
	});

	it('creates the first admin in the browser from the printed link; the admin signs in; the link works once', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		// The sign-in page points a newcomer to the console's link.
		await page.goto(`${app.url}/login`);
		await expect(page.getByTestId('no-users').textContent()).resolves.toContain(
			'printed a setup link on its console'
		);
		await page.screenshot({ path: join(ARTIFACTS, 'first-run-login-no-admin.png') });

		await page.goto(link.href);
		// The token moved into a cookie: it is gone from the address bar.
		expect(page.url()).toBe(`${link.origin}/setup`);
		await page.getByRole('link', { name: 'RU', exact: true }).click();
		await page.getByRole('heading', { name: 'Создание первого администратора' }).waitFor();
		await page.screenshot({ path: join(ARTIFACTS, 'first-run-setup-ru.png') });
		await page.goto(`${link.origin}/setup?lang=en`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

		await page.getByLabel('Email').fill('Chief@EOC.example');
		await page.getByLabel('Your name').fill('Rahmon <Chief> Duty');
		await page.getByLabel('New password (at least 12 characters)').fill(PASSWORD);
		await page.getByLabel('New password again').fill('something-else-1');
		await page.getByRole('button', { name: 'Create the administrator' }).click();
		await expect(page.getByTestId('setup-problem').textContent()).resolves.toContain(
			'The two new passwords differ'
		);
		await page.getByLabel('New password (at least 12 characters)').fill(PASSWORD);
		await page.getByLabel('New password again').fill(PASSWORD);
		await page.screenshot({ path: join(ARTIFACTS, 'first-run-setup.png') });
		await page.getByRole('button', { name: 'Create the administrator' }).click();
		await expect(page.getByTestId('setup-created').textContent()).resolves.toContain(
			'chief@eoc.example'
		);
		await page.screenshot({ path: join(ARTIFACTS, 'first-run-setup-done.png') });

		await page.getByTestId('setup-sign-in').click();
		await page.waitForURL('**/login');
		expect(await page.getByTestId('no-users').count()).toBe(0);
		await page.getByLabel('Email').fill('chief@eoc.example');
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(`${link.origin}/`);
		// Signed in as an administrator, the name shown as text.
		await expect(page.getByTestId('signed-in').textContent()).resolves.toContain(
			'Rahmon <Chief> Duty'
		);
		const admin = await page.goto(`${link.origin}/admin`);
		expect(admin?.status()).toBe(200);
		await context.close();

		// The printed link again, in a fresh browser: set up already, nothing more to create.
		const again = await browser.newPage();
		await again.goto(link.href);
		await expect(again.getByTestId('setup-already').textContent()).resolves.toContain(
			'set up already'
		);
		expect(await again.locator('input[name="password"]').count()).toBe(0);
		await again.screenshot({ path: join(ARTIFACTS, 'first-run-setup-again.png') });
		await again.getByTestId('setup-sign-in').click();
		await again.waitForURL('**/login');
		await again.close();

		// The audit log names the first admin and how it was made.
		const c = new FormClient(app.url);
		await c.signIn('chief@eoc.example', PASSWORD);
		expect(await (await c.get('/admin/audit')).text()).toContain('first-admin');
	});
});

describe(`a second setup at once, and user:add while the server runs, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) }, { principals: false });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('creates one admin when two setup forms are posted at once', async () => {
		const link = await printedLink(app);
		const c = new FormClient(app.url);
		const r = await c.get(link.pathname + link.search);
		expect(r.status).toBe(303);
		expect(c.cookies.has('eocwall_setup')).toBe(true);
		const form = (who: string) => ({
			email: `${who}@eoc.example`,
			name: who,
			password: PASSWORD,
			repeat: PASSWORD
		});
		const [a, b] = await Promise.all([
			c.post('/setup', form('first')),
			c.post('/setup', form('second'))
		]);
		expect([a.status, b.status].sort()).toEqual([200, 409]);
		const winner = a.status === 200 ? 'first' : 'second';
		const loser = winner === 'first' ? 'second' : 'first';
		expect(testId(await (a.status === 409 ? a : b).text(), 'setup-already')).toContain(
			'set up already'
		);
		await new FormClient(app.url).signIn(`${winner}@eoc.example`, PASSWORD);
		const refused = await new FormClient(app.url).post('/login', {
			email: `${loser}@eoc.example`,
			password: PASSWORD
		});
		expect(refused.status).toBe(400);
	});

	it('adds a user with npm run user:add while the server runs, who then signs in', async () => {
		if (!REAL) {
			// The embedded database: the running server does the write, over its private socket.
			const socket = adminSocketPath(db.env.PGLITE_DIR);
			expect(statSync(socket).isSocket()).toBe(true);
			expect(statSync(socket).mode & 0o777).toBe(0o600);
		}
		const bad = await userAdd(db, '--email', 'not-an-email', '--role', 'chief');
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('--email: email invalid');
		const ok = await userAdd(
			db,
			'--email',
			'Viewer@EOC.example',
			'--name',
			'Wall Viewer',
			'--role',
			'viewer'
		);
		expect(ok.status, ok.stderr).toBe(0);
		expect(ok.stdout).toContain('added viewer@eoc.example (Wall Viewer), role viewer');
		const otp = ok.stdout.match(/one-time password: (\S+)/)?.[1] ?? '';
		expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
		const again = await userAdd(db, '--email', 'viewer@eoc.example', '--role', 'viewer');
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');

		const c = new FormClient(app.url);
		const s = await c.signIn('viewer@eoc.example', otp);
		expect(s.headers.get('location')).toBe('/account?first=1');
		// The app is still the one serving: the user was added under it, not instead of it.
		expect(app.proc.exitCode).toBe(null);
		expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
	});
});

describe(`first-admin creation under contention, on ${BACKEND}`, () => {
	it('creates one admin from attempts that all reach the database at the same moment', async () => {
		const tdb = await freshDatabase();
		const db = await openDatabase({
			DATABASE_URL: tdb.env.DATABASE_URL,
			PGLITE_DIR: tdb.env.PGLITE_DIR ?? ''
		});
		// On PostgreSQL another session holds the setup lock, so every attempt has hashed its
		// password and waits inside its transaction; released, they run one after another. Without
		// the lock they would not wait (the waitFor fails) and each would find no admin.
		const holder = tdb.url ? postgres(tdb.url, { max: 1, onnotice: () => {} }) : null;
		try {
			await db.migrate(join(ROOT, 'drizzle'));
			await holder?.unsafe(`select pg_advisory_lock(${SETUP_LOCK})`);
			const attempts = ['a', 'b', 'c'].map((who) =>
				createFirstAdmin(db, { email: `${who}@eoc.example`, name: who }, PASSWORD, null)
			);
			if (holder) {
				await waitFor('three attempts waiting for the setup lock', async () => {
					const [r] = await holder.unsafe(
						`select count(*)::int as n from pg_locks
						where locktype = 'advisory' and objid = ${SETUP_LOCK} and not granted`
					);
					return r.n === 3;
				});
				await holder.unsafe(`select pg_advisory_unlock(${SETUP_LOCK})`);
			}
			expect((await Promise.all(attempts)).sort()).toEqual([
				'admin-exists',
				'admin-exists',
				'created'
			]);
			const admins = await db.query<{ n: number }>(
				`select count(*)::int as n from user_account where role = 'admin'`
			);
			expect(admins[0].n).toBe(1);
		} finally {
			await holder?.end();
			await db.close();
			await tdb.drop();
		}
	});
});
