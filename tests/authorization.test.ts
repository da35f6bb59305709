import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, ROLES, type Grant, type Principal } from '../src/lib/server/auth/roles';
import { ROUTE_RULES, ruleFor } from '../src/lib/server/auth/rules';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { routeTree, samplePath, type Endpoint } from './helpers/routes';

/**
 * The authorization matrix, generated from the route tree: every page, endpoint and form action
 * × every kind of principal gets the answer `ROUTE_RULES` promises, from the running app. A
 * route added without a rule fails the first test; a rule that the app does not enforce fails
 * the second.
 */
type Who = 'anonymous' | Grant;
const WHO: Who[] = ['anonymous', ...ROLES, 'display', 'api'];

const endpoints = await routeTree(join(ROOT, 'src', 'routes'));
const search = (e: Endpoint) => (e.action && e.action !== 'default' ? `?/${e.action}` : '');
const label = (e: Endpoint) =>
	`${e.action ? `POST ${search(e) || '(default)'}` : e.method} ${e.routeId}`;

describe('the route table', () => {
	it('has a rule for every page, endpoint and form action in src/routes', () => {
		expect(endpoints.length).toBeGreaterThan(20);
		const missing = endpoints.filter((e) => ruleFor(e.routeId, e.method, search(e)) === undefined);
		expect(missing.map(label), 'routes without an access rule').toEqual([]);
	});

	it('names no route that does not exist', () => {
		const ids = new Set(endpoints.map((e) => e.routeId));
		expect(Object.keys(ROUTE_RULES).filter((id) => !ids.has(id))).toEqual([]);
	});
});

/** A principal of the kind, as `allows` sees it (ids and names do not matter to a rule). */
function principalOf(who: Who): Principal | null {
	if (who === 'anonymous') return null;
	if (who === 'display' || who === 'api') return { kind: who, id: 'x', name: 'x' };
	return { kind: 'user', id: 'x', email: 'x', name: 'x', role: who, mustChangePassword: false };
}

describe(`every route × every principal, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	const headers = {} as Record<Who, Record<string, string>>;

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		headers.anonymous = {};
		headers.display = { cookie: `eocwall_display=${app.auth.display}` };
		headers.api = { authorization: `Bearer ${app.auth.api}` };
		for (const role of ROLES) {
			const { email, password } = app.auth.users[role];
			const r = await fetch(`${app.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					accept: 'text/html',
					origin: app.url,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ email, password })
			});
			const cookie = r.headers.getSetCookie().find((c) => c.startsWith('eocwall_session='));
			expect(r.status, `sign-in of ${role}`).toBe(303);
			expect(cookie, `session cookie of ${role}`).toBeTruthy();
			headers[role] = { cookie: (cookie as string).split(';')[0] };
		}
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	/** What the app answered, in the terms of the matrix: allowed, or refused and how. */
	async function ask(e: Endpoint, who: Who): Promise<{ verdict: string; detail: string }> {
		// SvelteKit posts the default action without `?/`; named ones with `?/name`.
		const path = samplePath(e.routeId) + search(e);
		const controller = new AbortController();
		const init: RequestInit = {
			method: e.method,
			redirect: 'manual',
			signal: controller.signal,
			headers: {
				...headers[who],
				accept: e.kind === 'endpoint' ? 'application/json' : 'text/html',
				...(e.method === 'POST'
					? { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' }
					: {})
			},
			body: e.method === 'POST' ? '' : undefined
		};
		const r = await fetch(app.url + path, init);
		controller.abort(); // the stream would never end; the status is all we need
		const location = r.headers.get('location') ?? '';
		const detail = `${r.status}${location ? ` → ${location}` : ''}`;
		if (r.status === 401 || r.status === 403) return { verdict: 'refused', detail };
		// The access hook sends a person to sign in with `next`; sign-out itself goes to /login.
		if (r.status === 303 && location.startsWith('/login?next='))
			return { verdict: 'refused', detail };
		if (r.status >= 500) return { verdict: 'error', detail };
		return { verdict: 'allowed', detail };
	}

	it('answers each request as the table says', async () => {
		// Sign-out ends the session it is sent with: those requests go last.
		const ordered = [...endpoints].sort(
			(a, b) => Number(a.routeId === '/logout') - Number(b.routeId === '/logout')
		);
		const wrong: string[] = [];
		const rows: string[] = [];
		for (const e of ordered) {
			const rule = ruleFor(e.routeId, e.method, search(e));
			const cells: string[] = [];
			for (const who of WHO) {
				const expected = allows(rule ?? [], principalOf(who)) ? 'allowed' : 'refused';
				const got = await ask(e, who);
				cells.push(got.verdict === 'allowed' ? '✓' : got.verdict === 'refused' ? '·' : '!');
				if (got.verdict !== expected)
					wrong.push(`${label(e)} as ${who}: expected ${expected}, got ${got.detail}`);
			}
			rows.push(`${cells.join(' ')}  ${label(e)}`);
		}
		console.log(`${WHO.join(' | ')}\n${rows.join('\n')}`);
		expect(wrong).toEqual([]);
		expect(rows.length).toBe(endpoints.length);
	});

	it('refuses a form post from another site', async () => {
		const r = await fetch(`${app.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'x@example.org', password: 'y' })
		});
		expect(r.status).toBe(403);
		expect(await r.text()).toContain('Cross-site POST refused');
	});
});
