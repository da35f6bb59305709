import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';

/** Sign-in, sessions, passwords and tokens, through the running app as a browser uses them. */
describe(`sign-in and sessions, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	const asAdmin = () => app.auth.users.admin;

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('sends a person who is not signed in to the sign-in page, and back after it', async () => {
		const c = new FormClient(app.url);
		const r = await c.get('/wall/boards?lang=ru');
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/login?next=%2Fwall%2Fboards%3Flang%3Dru');
		const { email, password } = app.auth.users.viewer;
		const s = await c.post('/login', { email, password, next: '/wall/boards?lang=ru' });
		expect(s.headers.get('location')).toBe('/wall/boards?lang=ru');
		expect((await c.get('/wall/boards')).status).toBe(200);
		// A next that leaves the site is not followed.
		const d = new FormClient(app.url);
		const e = await d.post('/login', { email, password, next: '//evil.example/' });
		expect(e.headers.get('location')).toBe('/');
	});

	it('gives one message for every sign-in failure, then slows the account down with a wait', async () => {
		const c = new FormClient(app.url);
		const { email, password } = app.auth.users.trainer;
		const unknown = await c.post('/login', { email: 'nobody@example.org', password });
		const wrong = await c.post('/login', { email, password: 'wrong password' });
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(400);
		const msg = testId(await unknown.text(), 'signin-failed');
		expect(msg).toContain('Sign-in failed');
		expect(testId(await wrong.text(), 'signin-failed')).toBe(msg);
		for (let i = 0; i < 4; i++) await c.post('/login', { email, password: 'wrong again' });
		// Five failures: now even the right password waits, and the answer says how long.
		const held = await c.post('/login', { email, password });
		expect(held.status).toBe(400);
		const wait = testId(await held.text(), 'signin-failed');
		expect(wait).toMatch(/^Too many failed sign-ins\. Try again in \d+ s\.$/);
		expect(Number(wait.match(/(\d+) s/)![1])).toBeLessThanOrEqual(30);
		expect(c.cookies.has('eocwall_session')).toBe(false);
		// The audit log, for an admin, has the reasons the form did not tell, counted in one row
		// per account and address rather than a row per refusal.
		const a = new FormClient(app.url);
		await a.signIn(asAdmin().email, asAdmin().password);
		const audit = (await (await a.get('/admin/audit')).text()).replaceAll('&quot;', '"');
		expect(audit).toContain('no such user');
		expect(audit).toContain('"count":6');
		expect(audit).toContain('"wrong password":5');
		expect(audit).toContain('"throttled":1');
		expect(audit.split(`<td>${email}</td>`).length - 1).toBe(1);
	});

	it('ends a session on sign-out: the old cookie no longer reads anything', async () => {
		const c = new FormClient(app.url);
		await c.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		const stolen = c.cookieHeader;
		expect(
			(await c.request('/api/v1/teams', { headers: { accept: 'application/json' } })).status
		).toBe(200);
		const out = await c.post('/logout', {});
		expect(out.status).toBe(303);
		const r = await fetch(`${app.url}/api/v1/teams`, { headers: { cookie: stolen } });
		expect(r.status).toBe(401);
	});

	it('ends the other sessions when a password changes, and keeps this one', async () => {
		const { email, password } = app.auth.users.supervisor;
		const here = new FormClient(app.url);
		const there = new FormClient(app.url);
		await here.signIn(email, password);
		await there.signIn(email, password);
		const bad = await here.post('/account', { current: 'nope', new: 'x', repeat: 'x' });
		expect(bad.status).toBe(400);
		expect(testId(await bad.text(), 'account-problem')).toContain('current password is wrong');
		const short = await here.post('/account', { current: password, new: 'short', repeat: 'short' });
		expect(testId(await short.text(), 'account-problem')).toContain('at least 12');
		const next = 'a brand new passphrase';
		const ok = await here.post('/account', { current: password, new: next, repeat: next });
		expect(ok.status).toBe(200);
		expect(testId(await ok.text(), 'account-changed')).toContain('Password changed');
		expect((await here.get('/wall')).status).toBe(200);
		expect((await there.get('/wall')).status).toBe(303);
		await new FormClient(app.url).signIn(email, next);
		app.auth.users.supervisor.password = next;
	});

	it('lets an admin add a user whose one-time password leads to the password page first', async () => {
		const a = new FormClient(app.url);
		await a.signIn(asAdmin().email, asAdmin().password);
		const bad = await a.post('/admin?/addUser', {
			email: 'not-an-email',
			name: 'X',
			role: 'operator'
		});
		expect(bad.status).toBe(400);
		expect(testId(await bad.text(), 'admin-problem')).toContain('not an email');
		const r = await a.post('/admin?/addUser', {
			email: 'Zarina@Kulob.example',
			name: 'Зарина Раҳимова',
			role: 'operator'
		});
		expect(r.status).toBe(200);
		const otp = testId(await r.text(), 'one-time-password');
		expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
		const again = await a.post('/admin?/addUser', {
			email: 'zarina@kulob.example',
			name: 'Z',
			role: 'viewer'
		});
		expect(again.status).toBe(409);

		const z = new FormClient(app.url);
		const s = await z.signIn('zarina@kulob.example', otp);
		expect(s.headers.get('location')).toBe('/account?first=1');
		const blocked = await z.get('/wall');
		expect(blocked.status).toBe(303);
		expect(blocked.headers.get('location')).toBe('/account?first=1');
		const api = await z.request('/api/v1/teams', { headers: { accept: 'application/json' } });
		expect(api.status).toBe(403);
		const pw = 'zarina chose this one';
		expect((await z.post('/account', { current: otp, new: pw, repeat: pw })).status).toBe(200);
		expect((await z.get('/wall')).status).toBe(200);
		// An operator is not an admin.
		expect((await z.get('/admin')).status).toBe(403);
	});

	it('pairs a wall kiosk with a display token, and a revoked token shows nothing', async () => {
		const a = new FormClient(app.url);
		await a.signIn(asAdmin().email, asAdmin().password);
		const created = await a.post('/admin/tokens?/create', { kind: 'display', name: 'Hall, left' });
		const token = testId(await created.text(), 'token-secret');
		expect(token).toMatch(/^eoc_d_[a-z2-7]{32}$/);

		const kiosk = new FormClient(app.url);
		const wrong = await kiosk.post('/display?/pair', { token: 'eoc_d_' + 'a'.repeat(32) });
		expect(wrong.status).toBe(400);
		expect(testId(await wrong.text(), 'display-invalid')).toContain('not valid');
		const paired = await kiosk.post('/display?/pair', { token });
		expect(paired.headers.get('location')).toBe('/wall');
		expect((await kiosk.get('/wall')).status).toBe(200);
		expect(
			(
				await kiosk.request('/api/v1/stream', {
					headers: { accept: 'text/event-stream' },
					signal: AbortSignal.timeout(5000)
				})
			).status
		).toBe(200);
		// A display token reads the wall only: no console, no admin.
		expect((await kiosk.get('/admin')).status).toBe(403);
		// The same token as an API bearer is refused: the kinds do not mix.
		const asBearer = await fetch(`${app.url}/api/v1/teams`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(asBearer.status).toBe(401);

		const page = await (await a.get('/admin/tokens')).text();
		const id = page.match(/name="id" value="([a-z2-7]+)"/g)?.map((m) => m.slice(17, -1)) ?? [];
		expect(id.length).toBeGreaterThan(0);
		for (const i of id) await a.post('/admin/tokens?/revoke', { id: i });
		const gone = await kiosk.get('/wall');
		expect(gone.status).toBe(303);
		expect(gone.headers.get('location')).toContain('/login');
		const missing = await a.post('/admin/tokens?/revoke', { id: 'nosuchtoken' });
		expect(missing.status).toBe(404);
	});
});

describe(`npm run user:add, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp | undefined;
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('adds the first admin with a one-time password that leads to the password page', async () => {
		db = await freshDatabase();
		const { spawnSync } = await import('node:child_process');
		const cli = (...args: string[]) =>
			// What `npm run user:add` runs: the tool built into build/tools/ (no tsx).
			spawnSync(process.execPath, ['scripts/tool.js', 'user-add', ...args], {
				cwd: ROOT,
				env: { PATH: process.env.PATH ?? '', EOC_DOTENV: 'off', ...db.env },
				encoding: 'utf8'
			});
		const bad = cli('--email', 'not-an-email', '--role', 'chief');
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('--email: email invalid');
		expect(bad.stderr).toContain('--role: role invalid');
		const ok = cli('--email', 'Duty@EOC.example', '--name', 'Duty Officer', '--role', 'admin');
		expect(ok.status, ok.stderr).toBe(0);
		expect(ok.stdout).toContain('added duty@eoc.example (Duty Officer), role admin');
		const otp = ok.stdout.match(/one-time password: (\S+)/)?.[1] ?? '';
		expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
		const again = cli('--email', 'duty@eoc.example', '--role', 'viewer');
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');

		app = await startApp({ ...db.env, ...(await mqttEnv()) }, { principals: false });
		// An admin exists: no setup link (tests/first-run.test.ts has the first run itself).
		expect(app.output()).not.toContain('/setup?token=');
		const c = new FormClient(app.url);
		const s = await c.signIn('duty@eoc.example', otp);
		expect(s.headers.get('location')).toBe('/account?first=1');
		const page = await (await c.get('/account?first=1')).text();
		expect(testId(page, 'first-password')).toContain('works only once');
	});
});
