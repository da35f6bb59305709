import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { ARTIFACTS, launch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';
import { waitFor } from './helpers/ports';
import { SseClient } from './helpers/sse';

/**
 * An admin runs accounts at /admin in Chromium: disables (the user's open session stops on its
 * next request) and enables a user, changes a role, resets a password, ends a user's sessions,
 * and is refused when the change would leave no active admin. Every change is in the audit log.
 */
describe(`accounts run by an admin in Chromium, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let browser: Browser;
	let admin: Page;
	const contexts: BrowserContext[] = [];

	/** A person signed in through the sign-in page, in a browser context of their own. */
	async function signIn(email: string, password: string, lands = '/'): Promise<Page> {
		const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
		contexts.push(ctx);
		const page = await ctx.newPage();
		await page.goto(`${app.url}/login?lang=en`);
		await page.fill('input[name=email]', email);
		await page.fill('input[name=password]', password);
		await Promise.all([page.waitForURL(`${app.url}${lands}`), page.click('button.primary')]);
		return page;
	}
	const row = (email: string) => admin.locator(`tr[data-email="${email}"]`);
	/** Clicks an account action in a user's row and waits for the answer it expects. */
	async function act(email: string, testid: string, expected: string): Promise<void> {
		await row(email).locator(`[data-testid="${testid}"]`).click();
		await admin.locator('[data-testid="account-changed"]', { hasText: expected }).waitFor();
	}
	/** Where a page lands when it asks the app for a path again: the session's next request. */
	async function nextRequest(page: Page, path: string): Promise<string> {
		await page.goto(app.url + path);
		return new URL(page.url()).pathname;
	}
	const users = () => app.auth.users;

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		browser = await launch();
		admin = await signIn(users().admin.email, users().admin.password);
		await admin.goto(`${app.url}/admin`);
	});
	afterAll(async () => {
		for (const c of contexts) await c.close().catch(() => {});
		await browser?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('disables a user: their open session stops on its next request, and enable lets them in again', async () => {
		const { email, password } = users().operator;
		const op = await signIn(email, password);
		expect(await nextRequest(op, '/console')).toBe('/console');
		await admin.reload();
		expect(await row(email).locator('[data-testid="user-sessions"]').textContent()).toBe('1');

		// A live stream the operator's screen holds open (the console's, the wall's).
		const cookie = (await op.context().cookies()).map((k) => `${k.name}=${k.value}`).join('; ');
		const stream = new SseClient(`${app.url}/api/v1/stream`, undefined, { cookie });
		await stream.waitFor((e) => e.event === 'snapshot', 30_000);
		let streamEnded = false;
		void stream.ended.then(() => (streamEnded = true));

		await act(email, 'disable', `${email} is disabled`);
		expect(await row(email).locator('[data-testid="user-state"]').textContent()).toBe('disabled');
		// The stream ends by itself at its next heartbeat (every 15 s), not when the screen reloads.
		await waitFor("the disabled user's stream to end", async () => streamEnded, 60_000, 250);
		expect(streamEnded).toBe(true);
		expect(await row(email).locator('[data-testid="user-sessions"]').textContent()).toBe('0');
		// The operator's very next request finds no session: back to the sign-in page.
		expect(await nextRequest(op, '/console')).toBe('/login');
		const c = new FormClient(app.url);
		const refused = await c.post('/login', { email, password });
		expect(testId(await refused.text(), 'signin-failed')).toContain('Sign-in failed');

		await act(email, 'enable', `${email} can sign in again`);
		expect(await row(email).locator('[data-testid="user-state"]').textContent()).toBe('active');
		await new FormClient(app.url).signIn(email, password);
	});

	it('changes a role: the open session has the new role on its next request', async () => {
		const { email, password } = users().viewer;
		const v = await signIn(email, password);
		const before = await v.goto(`${app.url}/console`);
		expect(before?.status()).toBe(403);
		await row(email).locator('select[name=role]').selectOption('supervisor');
		await act(email, 'role-submit', `The role of ${email} is changed`);
		await admin.reload();
		expect(await row(email).locator('select[name=role]').inputValue()).toBe('supervisor');
		expect(await nextRequest(v, '/console')).toBe('/console');
	});

	it('resets a password: a new one-time password works once shown, the old one and the open session do not', async () => {
		const { email, password } = users().trainer;
		const t = await signIn(email, password);
		await act(email, 'reset-password', `New one-time password for ${email}`);
		const otp = (await admin.locator('[data-testid="reset-password-value"]').textContent()) ?? '';
		expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
		await admin.screenshot({ path: join(ARTIFACTS, 'admin-accounts-reset.png'), fullPage: true });
		expect(await nextRequest(t, '/drills')).toBe('/login');
		const old = await new FormClient(app.url).post('/login', { email, password });
		expect(old.status).toBe(400);
		// The new one leads to the password page first, where the trainer picks their own.
		const fresh = await signIn(email, otp, '/account?first=1');
		const mine = 'the trainer chose this';
		await fresh.fill('input[name=current]', otp);
		await fresh.fill('input[name=new]', mine);
		await fresh.fill('input[name=repeat]', mine);
		await fresh.click('button.primary');
		await fresh.locator('[data-testid="account-changed"]').waitFor();
		expect(await nextRequest(fresh, '/drills')).toBe('/drills');
		users().trainer.password = mine;
		// Shown once: the page loaded again does not hold it.
		await admin.goto(`${app.url}/admin`);
		expect(await admin.content()).not.toContain(otp);
	});

	it("ends all of a user's sessions, on every device", async () => {
		const { email, password } = users().supervisor;
		const desk = await signIn(email, password);
		const phone = await signIn(email, password);
		await admin.reload();
		expect(await row(email).locator('[data-testid="user-sessions"]').textContent()).toBe('2');
		await act(email, 'end-sessions', `Every open session of ${email} has ended`);
		expect(await row(email).locator('[data-testid="user-sessions"]').textContent()).toBe('0');
		expect(await nextRequest(desk, '/console')).toBe('/login');
		expect(await nextRequest(phone, '/console')).toBe('/login');
		await new FormClient(app.url).signIn(email, password); // not disabled: may sign in again
	});

	it('refuses to disable or demote the last active admin, with a message', async () => {
		const me = users().admin.email;
		// A second admin is added, then disabled: it does not count.
		await admin.fill('input[name=email]', 'second-admin@test.example.org');
		await admin.fill('input[name=name]', 'Second admin');
		await admin.selectOption('form[action="?/addUser"] select[name=role]', 'admin');
		await admin.click('form[action="?/addUser"] button.primary');
		await admin.locator('[data-testid="user-added"]').waitFor();
		await act(
			'second-admin@test.example.org',
			'disable',
			'second-admin@test.example.org is disabled'
		);

		await row(me).locator('select[name=role]').selectOption('operator');
		await row(me).locator('[data-testid="role-submit"]').click();
		const problem = admin.locator('[data-testid="account-problem"]');
		await problem.waitFor();
		expect(await problem.textContent()).toContain('last active administrator');
		expect(await row(me).locator('select[name=role]').inputValue()).toBe('admin');
		await admin.screenshot({
			path: join(ARTIFACTS, 'admin-accounts-last-admin.png'),
			fullPage: true
		});
		// Still an admin; the server refuses the same through a plain form post, and self-disabling.
		expect(await nextRequest(admin, '/admin')).toBe('/admin');
		const c = new FormClient(app.url);
		await c.signIn(me, users().admin.password);
		const html = await (await c.get('/admin')).text();
		const myId = html.match(
			new RegExp(`data-email="${me}"[\\s\\S]*?name="id" value="([a-z2-7]+)"`)
		)![1];
		const demote = await c.post('/admin?/role', { id: myId, role: 'viewer' });
		expect(demote.status).toBe(409);
		expect(testId(await demote.text(), 'account-problem')).toContain('last active administrator');
		const off = await c.post('/admin?/disable', { id: myId });
		expect(testId(await off.text(), 'account-problem')).toContain('your own account');
		// With the second admin enabled again, the first may step down.
		await admin.reload();
		await act(
			'second-admin@test.example.org',
			'enable',
			'second-admin@test.example.org can sign in'
		);
	});

	it('audits every change with who did it, to whom and what', async () => {
		await admin.goto(`${app.url}/admin/audit?lang=en`);
		const rows = await admin.locator('[data-testid="audit"] tbody tr').allTextContents();
		const has = (action: string, target: string) =>
			rows.some((r) => r.includes(action) && r.includes(target) && r.includes(users().admin.email));
		expect(has('user-disable', users().operator.email)).toBe(true);
		expect(has('user-enable', users().operator.email)).toBe(true);
		expect(has('user-role', users().viewer.email)).toBe(true);
		const role = rows.find((r) => r.includes('user-role')) ?? '';
		expect(role).toContain('"from":"viewer"');
		expect(role).toContain('"to":"supervisor"');
		expect(has('user-password-reset', users().trainer.email)).toBe(true);
		expect(has('user-sessions-end', users().supervisor.email)).toBe(true);
		expect(rows.some((r) => r.includes('"endedSessions":2'))).toBe(true);
		// A refused change is not audited as done.
		expect(rows.filter((r) => r.includes('user-role'))).toHaveLength(1);
		// The page in Russian and Tajik: every action named in the screen's language.
		for (const [lang, reset] of [
			['ru', 'Сбросить пароль'],
			['tg', 'Аз нав танзим кардани парол']
		]) {
			await admin.goto(`${app.url}/admin?lang=${lang}`);
			expect(await admin.locator('[data-testid="reset-password"]').first().textContent()).toBe(
				reset
			);
			await admin.screenshot({
				path: join(ARTIFACTS, `admin-accounts-${lang}.png`),
				fullPage: true
			});
		}
	});
});

/** Under https (ORIGIN behind a TLS proxy) the session cookie is a __Host- cookie. */
describe(`the session cookie under https, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()), ORIGIN: 'https://eoc.example.tj' });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('is named __Host-session with Secure, Path=/ and no Domain, and signs in', async () => {
		const c = new FormClient(app.url);
		const r = await c.post('/login', app.auth.users.viewer);
		expect(r.status).toBe(303);
		const set = r.headers.getSetCookie().find((s) => s.startsWith('__Host-session='));
		expect(set).toBeDefined();
		const attrs = set!.split(';').map((a) => a.trim().toLowerCase());
		expect(attrs).toContain('secure');
		expect(attrs).toContain('path=/');
		expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
		expect(c.cookies.has('eocwall_session')).toBe(false);
		expect((await c.get('/wall/boards')).status).toBe(200);
	});
});
