import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView, TeamView } from '$lib/live/types';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';
import { launch, watch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';
import {
	cameraJpeg,
	hydrated,
	keptOffline,
	linkState,
	phone,
	queuedIds,
	waitLink
} from './helpers/field';
import { displayState } from './helpers/principals';
import { freePort, waitFor } from './helpers/ports';

/** Where screenshots go when asked for (`FIELD_SHOTS=<a folder>`). */
const SHOTS = process.env.FIELD_SHOTS;
const RUN = Math.random().toString(36).slice(2, 8);
const TEAM_A = `field-a-${RUN}`;
const TEAM_B = `field-b-${RUN}`;

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
	/** The 20 messages made offline, oldest first. */
	let offline: string[] = [];

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
		await page.getByRole('button', { name: /yes, send emergency/i }).tap();
		await tapStatus('out_of_service');
		await waitLink(page, 'offline', 20).catch(async (e) => {
			await page.screenshot({ path: '/tmp/field/fail.png', fullPage: true });
			throw new Error(`${e.message}; link: ${JSON.stringify(await linkState(page))}`);
		});
		offline = await queuedIds(page);
		expect(offline).toHaveLength(20);
		await shot('offline');

		// Closed and opened again with no network: the shell comes from the service worker, the
		// queue from IndexedDB.
		await page.close();
		page = await open();
		await waitLink(page, 'offline', 20).catch(async (e) => {
			await page.screenshot({ path: '/tmp/field/fail2.png', fullPage: true });
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
	});
});
