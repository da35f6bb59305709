import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, type TestDatabase } from './helpers/backend';
import { startBroker, type Broker } from './helpers/broker';
import { ARTIFACTS, launch } from './helpers/browser';
import { FormClient } from './helpers/client';
import { waitFor } from './helpers/ports';
import { routeTree, samplePath } from './helpers/routes';

/**
 * Operations conventions (#12 item 6) against the built app: no secret in its log, security
 * headers on every page, split health, metrics, stream caps, the streamed body limit, and
 * precompressed assets. The app runs with passwords in its configuration: in MQTT_URL (a broker
 * that takes any credentials) and, on the real backend, in DATABASE_URL (the server trusts
 * 127.0.0.1, so the password is carried but not needed).
 */
describe(`operations conventions, on ${BACKEND}`, () => {
	const mqttSecret = `mq-${randomBytes(8).toString('hex')}`;
	const dbSecret = `pg-${randomBytes(8).toString('hex')}`;
	let db: TestDatabase;
	let broker: Broker | null = null;
	let app: RunningApp;
	let admin: FormClient;

	beforeAll(async () => {
		db = await freshDatabase();
		const env = { ...db.env };
		if (REAL) {
			const u = new URL(db.env.DATABASE_URL);
			u.password = dbSecret;
			env.DATABASE_URL = u.toString();
		}
		let mqtt: URL;
		if (REAL) mqtt = new URL(process.env.MQTT_URL as string);
		else {
			broker = await startBroker();
			mqtt = new URL(broker.url);
		}
		mqtt.username = 'eocwall';
		mqtt.password = mqttSecret;
		app = await startApp({
			...env,
			MQTT_URL: mqtt.toString(),
			MQTT_CLIENT_ID: `eocwall-ops-${randomBytes(3).toString('hex')}`,
			LOG_LEVEL: 'debug',
			EOC_SEED: 'demo',
			EOC_DEMO_FEED: 'off',
			STREAM_MAX_PER_PRINCIPAL: '2',
			STREAM_MAX_TOTAL: '3'
		});
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await broker?.stop();
		await db?.drop();
	});

	/** Chromium signed in as the admin, recording every CSP violation the console reports. */
	async function cspPage() {
		const browser = await launch();
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		const [name, value] = admin.cookieHeader.split('; ')[0].split('=');
		await context.addCookies([{ name, value, url: app.url }]);
		const page = await context.newPage();
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/content security policy/i.test(m.text())) violations.push(m.text());
		});
		return { browser, page, violations };
	}

	it('sends the security headers on every page, and a CSP that forbids framing', async () => {
		const pages = (await routeTree(join(ROOT, 'src', 'routes'))).filter((e) => e.kind === 'page');
		expect(pages.length).toBeGreaterThan(15);
		for (const p of pages) {
			const path = samplePath(p.routeId);
			const r = await admin.get(path);
			const h = r.headers;
			expect(h.get('x-content-type-options'), path).toBe('nosniff');
			// /setup carries its one-time token in the address: it sends no referrer at all.
			expect(h.get('referrer-policy'), path).toBe(
				p.routeId === '/setup' ? 'no-referrer' : 'same-origin'
			);
			expect(h.get('x-frame-options'), path).toBe('DENY');
			expect(h.get('strict-transport-security'), `${path}: no HSTS over http`).toBeNull();
			if (r.status === 200 && h.get('content-type')?.startsWith('text/html')) {
				const csp = h.get('content-security-policy') ?? '';
				expect(csp, path).toContain("frame-ancestors 'none'");
				expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
			}
			await r.body?.cancel();
		}
		// Anonymous, refused, redirected, static and not found: the same headers.
		const anon = new FormClient(app.url);
		for (const path of ['/console', '/login', '/favicon.svg', '/no-such-page', '/api/v1/teams']) {
			const r = await anon.request(path, { headers: { accept: 'application/json' } });
			expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(r.headers.get('x-frame-options'), path).toBe('DENY');
			await r.body?.cancel();
		}
	});

	it('opens the wall in Chromium under the CSP: map, worker, layers, no violation', async () => {
		const { browser, page, violations } = await cspPage();
		try {
			await page.goto(`${app.url}/wall?lang=en`);
			// Long waits: SwiftShader on a shared machine is slow to draw.
			await page.waitForSelector('[data-testid="connection"][data-state="live"]', {
				timeout: 150_000
			});
			await page.waitForSelector('[data-testid="map"]:not([data-terrain=""])', {
				timeout: 20_000
			});
			await page.waitForTimeout(2000); // the map, its worker and the layers draw
			await page.screenshot({ path: join(ARTIFACTS, 'ops-csp-wall.png') });
			expect(violations).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('opens the console, drills, admin and sign-in in Chromium with no CSP violation', async () => {
		const { browser, page, violations } = await cspPage();
		try {
			for (const path of ['/console', '/drills', '/admin']) {
				await page.goto(`${app.url}${path}?lang=en`);
				await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
				await page.screenshot({ path: join(ARTIFACTS, `ops-csp${path.replace('/', '-')}.png`) });
			}
			await page.context().clearCookies();
			await page.goto(`${app.url}/login?lang=en`);
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
			await page.screenshot({ path: join(ARTIFACTS, 'ops-csp-login.png') });
			expect(violations).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('splits health: live answers anyone, ready gives error texts only to a token', async () => {
		const live = await fetch(`${app.url}/api/health/live`);
		expect(live.status).toBe(200);
		expect(await live.json()).toMatchObject({ status: 'alive', phase: 'ready' });
		for (const path of ['/api/health/ready', '/api/health']) {
			const anon = await fetch(app.url + path);
			expect(anon.status, path).toBe(200);
			const body = await anon.json();
			expect(body).toMatchObject({ status: 'ok', database: { state: 'up' } });
			expect(body.database).not.toHaveProperty('error');
			expect(body.ingest).not.toHaveProperty('lastError');
			const token = await app.getJson<{ database: object; ingest: object }>(path);
			expect(token.database).toHaveProperty('error', null);
			expect(token.ingest).toHaveProperty('lastError');
		}
	});

	it('serves metrics: Node.js defaults under their own names, build info, up gauges, request times', async () => {
		await fetch(`${app.url}/no-such-page-${randomBytes(3).toString('hex')}`);
		const r = await app.fetch('/metrics');
		expect(r.status).toBe(200);
		const text = await r.text();
		expect(text).toMatch(/^process_cpu_seconds_total \d/m);
		expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
		expect(text).not.toContain('eocwall_process_');
		expect(text).toMatch(
			/^eocwall_build_info\{version="0\.1\.0",commit="[0-9a-f]{40}|unknown"\} 1$/m
		);
		expect(text).toMatch(/^eocwall_database_up 1$/m);
		expect(text).toMatch(/^eocwall_broker_up 1$/m);
		expect(text).toMatch(
			/^eocwall_http_request_duration_seconds_count\{route="\/api\/health\/live",method="GET",status="200"\} [1-9]/m
		);
		// A path that names no route is counted under one label, not under itself.
		expect(text).toMatch(/route="unmatched",method="GET",status="404"/);
		expect(text).not.toContain('no-such-page');
		expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
	});

	it('caps live streams per principal (429) and in all (503), and frees a place on close', async () => {
		const open: AbortController[] = [];
		const stream = async (headers: Record<string, string>) => {
			const c = new AbortController();
			const r = await fetch(`${app.url}/api/v1/stream`, { headers, signal: c.signal });
			if (r.ok) open.push(c);
			return r;
		};
		const token = { authorization: `Bearer ${app.auth.api}` };
		const display = { cookie: `eocwall_display=${app.auth.display}` };
		try {
			expect((await stream(token)).status).toBe(200);
			expect((await stream(token)).status).toBe(200);
			const third = await stream(token);
			expect(third.status).toBe(429);
			expect(third.headers.get('retry-after')).toBe('30');
			expect((await third.json()).message).toMatch(/too many open streams/i);
			expect((await stream(display)).status).toBe(200);
			const full = await stream({ cookie: admin.cookieHeader });
			expect(full.status).toBe(503);
			open.shift()?.abort();
			// The place is free once the server has seen the close (no fixed wait: asked again).
			const freed = await waitFor('a stream place to be freed', async () => {
				const r = await stream(display);
				if (r.status !== 200) await r.body?.cancel();
				return r.status === 200 && r;
			});
			expect(freed.status).toBe(200);
		} finally {
			for (const c of open) c.abort();
		}
	});

	it('refuses a chunked upload past the limit while it streams, with 413', async () => {
		// Node's own client: it shows the answer that comes while the body is still being sent.
		const { status, sent } = await new Promise<{ status: number; sent: number }>(
			(resolve, reject) => {
				const req = request(`${app.url}/login`, {
					method: 'POST',
					headers: {
						origin: app.url,
						accept: 'application/json',
						'content-type': 'application/x-www-form-urlencoded',
						'transfer-encoding': 'chunked'
					}
				});
				let sent = 0;
				let answered = false;
				const chunk = Buffer.from('a='.padEnd(64 * 1024, 'x'));
				// Up to 64 MiB, far beyond the sign-in form's 256 KiB and the server's 33M, until answered.
				const pump = () => {
					while (!answered && sent < 64 * 1024 * 1024) {
						sent += chunk.length;
						if (!req.write(chunk)) return void req.once('drain', pump);
					}
					if (!answered) req.end();
				};
				req.on('response', (res) => {
					answered = true;
					res.resume();
					resolve({ status: res.statusCode ?? 0, sent });
					req.destroy();
				});
				req.on('error', (e) => !answered && reject(e));
				pump();
			}
		);
		expect(status).toBe(413);
		expect(sent).toBeLessThan(64 * 1024 * 1024);
	});

	it('serves the app’s scripts precompressed (brotli, gzip)', async () => {
		const html = await (await fetch(`${app.url}/login`)).text();
		const asset = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
		expect(asset).toBeTruthy();
		for (const enc of ['br', 'gzip']) {
			const r = await fetch(app.url + asset, { headers: { 'accept-encoding': enc } });
			expect(r.status).toBe(200);
			expect(r.headers.get('content-encoding')).toBe(enc);
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		}
	});

	it('writes no password to its log, from the start to a stop (last: it stops the app)', async () => {
		await admin.get('/console');
		await fetch(`${app.url}/api/health`);
		expect(await app.kill('SIGTERM')).toBe(0);
		const out = app.output();
		expect(out).toContain('eocwall ready');
		// The broker is named, without its credentials (the app keeps them out of its URL).
		const ready = out.split('\n').find((l) => l.includes('"eocwall ready"')) ?? '';
		expect(JSON.parse(ready).mqtt).toMatch(/^mqtt:\/\/(eocwall:\*\*\*@)?127\.0\.0\.1:\d+$/);
		expect(out).not.toContain(mqttSecret);
		expect(out).not.toContain(dbSecret);
	});
});
