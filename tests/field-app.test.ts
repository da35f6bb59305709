import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '$lib/contracts/vocabulary';
import type { IncidentView, TeamView } from '$lib/live/types';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';
import { launch, watch } from './helpers/browser';
import { FormClient, incidentForm, testId } from './helpers/client';
import {
	cameraJpeg,
	hydrated,
	keptOffline,
	linkState,
	phone,
	phoneDb,
	queuedIds,
	waitLink
} from './helpers/field';
import { bearer, displayState } from './helpers/principals';
import { freePort, waitFor } from './helpers/ports';
import { SseClient } from './helpers/sse';

/** Where screenshots go when asked for (`FIELD_SHOTS=<a folder>`). */
const SHOTS = process.env.FIELD_SHOTS;
const RUN = Math.random().toString(36).slice(2, 8);
const TEAM_A = `field-a-${RUN}`;
const TEAM_B = `field-b-${RUN}`;
/** The console's new incident: 1.1 km north-east of the phone. */
const INCIDENT_AT = {
	type: 'mudflow',
	severity: '4',
	lat: '37.919',
	lon: '69.793',
	people: '40',
	households: '8'
};

/**
 * The field app on a phone (issue #16), in Chromium at 360×800 with touch: paired with a code, it
 * keeps 20 messages made offline through closing and reopening the app, and sends them once, in
 * order, when the network returns; it shows the tasking the console sends, answers it, shows the
 * EOC's refusal of a message it may not send, calls for help, and keeps its queue when revoked.
 */
describe(`the field app in Chromium, on ${BACKEND} with the embedded broker`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let browser: Browser;
	let ctx: BrowserContext;
	let page: Page;
	let op: FormClient;
	let admin: FormClient;
	/** The 20 messages made offline, oldest first, and the times of the 8 positions among them. */
	let offline: string[] = [];
	let positions: string[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		const q = await openDatabase({
			DATABASE_URL: db.env.DATABASE_URL,
			PGLITE_DIR: db.env.PGLITE_DIR ?? './data/pglite'
		});
		try {
			await q.migrate(join(ROOT, 'drizzle'));
			for (const id of [TEAM_A, TEAM_B])
				await q.query(`insert into team (id, callsign) values ($1, $2)`, [id, id.toUpperCase()]);
		} finally {
			await q.close();
		}
		app = await startApp({
			...db.env,
			MQTT_PORT: String(await freePort()),
			MQTT_DEVICE_AUTH: 'on'
		});
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		browser = await launch();
		ctx = await phone(browser);
	});
	afterAll(async () => {
		await ctx?.close().catch(() => {});
		await browser?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	async function open(): Promise<Page> {
		const p = await ctx.newPage();
		watch(p, app.url);
		await p.goto(`${app.url}/field`);
		await hydrated(p);
		return p;
	}
	const shot = async (name: string) => {
		if (SHOTS) await page.screenshot({ path: join(SHOTS, `field-${name}.png`) });
	};
	const team = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);

	it('pairs with a one-time code and goes online', async () => {
		page = await open();
		await page.locator('#pair-code').waitFor();
		await shot('pair');
		// The admin's one-time code, typed on the phone (a wrong one first).
		const r = await admin.post('/admin/devices?/pair', { teamId: TEAM_A, name: 'Phone A' });
		const code = testId(await r.text(), 'pair-code');
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		await page.locator('#pair-code').fill('ZZZZ-ZZZZ');
		await page.locator('.pair button[type=submit]').tap();
		await page.locator('#pair-problem').waitFor();
		await page.locator('#pair-code').fill(code.toLowerCase());
		await page.locator('.pair button[type=submit]').tap();
		await waitLink(page, 'online', 0);
		// Paired once: the credential is on the phone, not on any screen, and survives a reload.
		expect(await page.content()).not.toContain('eoc_m_');
		await page.reload();
		await waitLink(page, 'online', 0);
		expect(await page.locator('.top h1').textContent()).toBe(TEAM_A.toUpperCase());
		// The first fix goes out by itself, while online (the offline part counts only taps).
		await waitFor('the first position', async () => typeof (await team(TEAM_A))?.lat === 'number');
		// The report form once online, so its list of places is kept for offline use.
		await page.locator('.tabs button').nth(1).tap();
		await page.locator('#r-type').waitFor();
		await page.locator('.tabs button').nth(0).tap();
		const kept = await waitFor('the app kept for offline use', async () => {
			const n = await keptOffline(page);
			return n > 10 && n;
		});
		expect(kept).toBeGreaterThan(10);
	});

	it('keeps 20 messages made offline through a restart and sends them once, in order', async () => {
		await ctx.setOffline(true);
		await waitLink(page, 'offline');
		const tapStatus = (s: string) => page.locator(`button[data-status="${s}"]`).tap();
		const sendPosition = () => page.getByRole('button', { name: /send our position/i }).tap();
		const statuses = ['en_route', 'on_scene', 'returning', 'available', 'en_route', 'on_scene'];
		for (const s of statuses) {
			await tapStatus(s);
			await sendPosition();
		}
		// 12 so far; two reports, the first with a photo shrunk on the phone.
		await page.locator('.tabs button').nth(1).tap();
		await page.locator('#r-type').selectOption('mudflow');
		await page.locator('button.sev-4').tap();
		await page.getByLabel(/trapped/i).fill('3');
		await page.locator('#r-note').fill(`Sel across the road ${RUN}`);
		const photo = await cameraJpeg(page);
		expect(photo.length).toBeGreaterThan(200 * 1024);
		await page.locator('input[type=file]').setInputFiles({
			name: 'camera.jpg',
			mimeType: 'image/jpeg',
			buffer: photo
		});
		await page.locator('figure.photo img').waitFor();
		await shot('report');
		await page.locator('form.report button[type=submit]').tap();
		await page.locator('.tabs button').nth(1).tap();
		await page.locator('#r-type').selectOption('flood');
		await page.locator('input[type=radio][value=name]').check();
		await page.getByPlaceholder(/village or town/i).fill('Kulob');
		await page.locator('form.report button[type=submit]').tap();
		await page.locator('.tabs button').nth(0).waitFor();
		// 14; four more statuses and positions, then an emergency, then one more status: 20.
		for (const s of ['returning', 'available']) {
			await tapStatus(s);
			await sendPosition();
		}
		await page.locator('.sos-button').tap();
		await page.getByRole('button', { name: /yes, send the emergency call/i }).tap();
		await tapStatus('out_of_service');
		await waitLink(page, 'offline', 20).catch(async (e) => {
			throw new Error(`${e.message}; link: ${JSON.stringify(await linkState(page))}`);
		});
		offline = await queuedIds(page);
		expect(offline).toHaveLength(20);
		const rows = await phoneDb<{ kind: string; payload: string }[]>(page, {
			store: 'outbox',
			op: 'getAll'
		});
		positions = rows.filter((r) => r.kind === 'position').map((r) => JSON.parse(r.payload).ts);
		expect(positions).toHaveLength(8);
		await shot('offline');

		// Closed and opened again with no network: the shell comes from the service worker, the
		// queue from IndexedDB.
		await page.close();
		page = await open();
		await waitLink(page, 'offline', 20).catch(async (e) => {
			throw new Error(`${e.message}; link: ${JSON.stringify(await linkState(page))}`);
		});
		expect(await queuedIds(page)).toEqual(offline);
		await page.locator('.tabs button').nth(2).tap();
		await shot('outbox-offline');
		await page.locator('.tabs button').nth(0).tap();

		await ctx.setOffline(false);
		await waitLink(page, 'online', 0, 60_000);
		const a = await waitFor('team A on its last status', async () => {
			const t = await team(TEAM_A);
			return t?.status === 'out_of_service' && t;
		});
		expect(a.status).toBe('out_of_service');
		const reports = await waitFor('the two reports', async () => {
			const all = await app.getJson<IncidentView[]>('/api/v1/incidents');
			const mine = all.filter((i) => i.reporter === TEAM_A);
			return mine.length >= 2 && mine;
		});
		expect(reports.map((i) => i.type).sort()).toEqual(['flood', 'mudflow']);
		// The photo, shrunk on the phone, is stored with its report and served to the console.
		const mudflow = reports.find((i) => i.type === 'mudflow')!;
		expect(mudflow.casualties.trapped).toBe(3);
		expect(mudflow.photos).toHaveLength(1);
		const img = await op.get(`/console/photos/${mudflow.photos[0].id}`);
		expect(img.headers.get('content-type')).toBe('image/jpeg');
		const bytes = new Uint8Array(await img.arrayBuffer());
		expect(bytes.length).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
		expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		expect(reports.find((i) => i.type === 'flood')?.title).toMatch(/Kulob/);
	});

	it("shows the console's tasking within seconds; accept, and decline only with a reason", async () => {
		const created = await op.post(
			'/console?/create',
			incidentForm({ ...INCIDENT_AT, title: `Mudflow at Yakhsu ${RUN}` })
		);
		expect(created.status).toBe(200);
		const incidentId = await waitFor('the incident', async () => {
			const html = await (await op.get('/console')).text();
			return new RegExp(`data-incident="(i-[0-9a-f]{12})"[^>]*>[^<]*<[^>]*>[^]*?${RUN}`).exec(
				html
			)?.[1];
		});
		const assign = async (message: string) => {
			const before = (await page.locator('.tasking').getAttribute('data-tasking')) ?? '';
			const t0 = Date.now();
			const r = await op.post(`/console/incidents/${incidentId}?/assign`, {
				teamId: TEAM_A,
				message,
				priority: '2'
			});
			expect(r.status).toBe(200);
			await page
				.locator(`.tasking:not([data-tasking=""]):not([data-tasking="${before}"])`)
				.waitFor({ timeout: 15_000 });
			const ms = Date.now() - t0;
			console.log(`field app: a tasking from the console on the phone in ${ms} ms`);
			return ms;
		};
		const answerOnPage = async () =>
			testId(await (await op.get(`/console/incidents/${incidentId}`)).text(), 'tasking-answer');

		await assign('Check the bridge');
		await expect.poll(() => page.locator('.tasking .incident').textContent()).toContain(RUN);
		// From the team's fix to the incident (the console's form put it 1.1 km north-east).
		await expect.poll(() => page.locator('.tasking .bearing').textContent()).toMatch(/km/);
		await shot('tasking');
		await page.getByRole('button', { name: /^accept$/i }).tap();
		await expect.poll(answerOnPage, { timeout: 15_000 }).toMatch(/^accepted /);
		expect(await (await admin.get('/admin/audit')).text()).toContain('tasking-accepted');

		await assign('Now the school');
		await page.getByRole('button', { name: /^decline$/i }).tap();
		await page.getByRole('button', { name: /send the refusal/i }).tap();
		await page.locator('.tasking .problem').waitFor();
		await waitLink(page, 'online', 0);
		expect(await answerOnPage()).toMatch(/^sent, not answered/);
		await page.locator('#decline-reason').fill('Our pump is broken');
		await page.getByRole('button', { name: /send the refusal/i }).tap();
		await expect.poll(answerOnPage, { timeout: 15_000 }).toMatch(/^declined\b.*Our pump is broken/);
		expect(await (await admin.get('/admin/audit')).text()).toContain('tasking-declined');
	});

	it('cannot send as another team: the EOC refuses, and the phone says why', async () => {
		// A message for team B in team A's queue (as a tampered app would make it).
		const forged = `forged-${Date.now()}`;
		await phoneDb(page, {
			store: 'outbox',
			op: 'add',
			value: {
				msgId: forged,
				topic: `eoc/v1/teams/${TEAM_B}/status`,
				payload: JSON.stringify({
					msgId: forged,
					ts: new Date().toISOString(),
					status: 'on_scene'
				}),
				kind: 'status',
				subject: 'on_scene',
				madeAt: Date.now()
			}
		});
		await page.locator('button[data-status="on_scene"]').tap();
		await waitLink(page, 'online', 0);
		await page.locator('.tabs button').nth(2).tap();
		const refusal = page.locator(`[data-testid="refused"] li[data-refused-msg-id="${forged}"]`);
		await refusal.waitFor({ timeout: 15_000 });
		expect(await refusal.getAttribute('data-reason')).toBe('not_authorized');
		expect(await refusal.textContent()).toMatch(/another team/);
		await shot('refused');
		await page.locator('.tabs button').nth(0).tap();
		expect((await team(TEAM_B))?.status ?? null).toBeNull();
	});

	it('the Emergency button raises the alarm on the wall', async () => {
		const wallCtx = await browser.newContext({
			viewport: { width: 1600, height: 900 },
			storageState: displayState(app)
		});
		try {
			const wall = await wallCtx.newPage();
			await wall.goto(`${app.url}/wall`);
			await wall.locator('[data-testid="connection"][data-state="live"]').waitFor();
			// A wall in the EOC has long finished loading its map when a call for help comes.
			await wall.locator('[data-testid="map"]:not([data-terrain=""])').waitFor({ timeout: 60_000 });
			await wall.waitForLoadState('networkidle');
			await wall.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 10_000 })));
			const stream = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
			await page.locator('.sos-button').tap();
			await shot('emergency');
			const t0 = Date.now();
			await page.getByRole('button', { name: /yes, send the emergency call/i }).tap();
			await wall
				.locator('[data-testid="wall-alarm"]', { hasText: TEAM_A.toUpperCase() })
				.waitFor({ timeout: 15_000 });
			const onWall = Date.now() - t0;
			const alarm = stream.events.find((e) => e.event === 'alarm' && e.data.includes(TEAM_A));
			console.log(
				`field app: Emergency on the stream in ${alarm ? alarm.receivedAt - t0 : '?'} ms, ` +
					`on the wall's alarm strip in ${onWall} ms`
			);
			stream.close();
			expect(alarm).toBeDefined();
			expect(await wall.locator('[data-testid="wall-alarm"]').count()).toBeGreaterThan(0);
		} finally {
			await wallCtx.close();
		}
	});

	it('revoked while connected: the phone says so and keeps what waits', async () => {
		await waitLink(page, 'online', 0);
		const { credentialId: id } = await phoneDb<{ credentialId: string }>(page, {
			store: 'kv',
			op: 'get',
			key: 'credential'
		});
		const r = await admin.post('/admin/devices?/revoke', { id });
		expect(r.status).toBe(200);
		// The broker closes the connection; the next CONNECT is refused.
		await waitLink(page, 'refused', 0);
		expect(await page.locator('.banner.bad').textContent()).toMatch(/revoked/);
		// What the team makes now is kept and listed, for a new pairing to send.
		await page.locator('button[data-status="returning"]').tap();
		await waitLink(page, 'refused', 1);
		expect(await queuedIds(page)).toHaveLength(1);
		await shot('revoked');
	});

	it('stored the 20 offline messages exactly once, in the order they were made', async () => {
		await app.kill('SIGTERM');
		const q = await openDatabase({
			DATABASE_URL: db.env.DATABASE_URL,
			PGLITE_DIR: db.env.PGLITE_DIR ?? './data/pglite'
		});
		try {
			const rows = await q.query<{ msg_id: string; n: number }>(
				`select msg_id, count(*)::int as n from ingested_message where msg_id = any($1)
				 group by msg_id order by min(received_at)`,
				[offline]
			);
			expect(rows.map((r) => r.msg_id)).toEqual(offline);
			// Once: no refusals, two incidents from the two reports, one stored point per position.
			const [dead] = await q.query<{ n: number }>(
				`select count(*)::int as n from dead_letter where msg_id = any($1)`,
				[offline]
			);
			expect(dead.n).toBe(0);
			const [reports] = await q.query<{ n: number }>(
				`select count(*)::int as n from incident where reporter = $1`,
				[TEAM_A]
			);
			expect(reports.n).toBe(2);
			const points = await q.query<{ n: number }>(
				`select count(*)::int as n from team_position where team_id = $1 and ts = any($2::timestamptz[])
				 group by ts`,
				[TEAM_A, positions]
			);
			expect(points.map((p) => p.n)).toEqual(positions.map(() => 1));
		} finally {
			await q.close();
		}
	});
});
