import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { resourceTaskingPayloadSchema } from '$lib/contracts/resources';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { launch, watch } from './helpers/browser';
import { connect, end, publishAll } from './helpers/mqtt';
import { resourceStatus } from './helpers/resources';

/** Where screenshots go when asked for (`REQUEST_SHOTS=<a folder>`): the board and a request, ru and tg. */
const SHOTS = process.env.REQUEST_SHOTS;
const VIEW = { viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce' } as const;
const RUN = Math.random().toString(36).slice(2, 8);
// Two excavators near Sari Kulob and one in Vose' (further), plus a bulldozer that never matches.
const NEAR_1 = `exc-a-${RUN}`;
const NEAR_2 = `exc-b-${RUN}`;
const FAR = `exc-c-${RUN}`;

/**
 * A request's whole lifecycle in the console (issue #15): an operator asks for two excavators, a
 * supervisor refuses without a reason (refused, with a message) and then approves, the operator
 * assigns the two nearest from the suggestions (their taskings reach MQTT), the excavators report
 * en route and on scene over MQTT and the request page follows without a reload; every step is
 * in the request's steps and in the audit log.
 */
describe(`a resource request in Chromium, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let browser: Browser;
	let mqttUrl: string;
	const pages: Page[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		const mqtt = await mqttEnv();
		mqttUrl = mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`;
		// The register, by SQL before the app opens the database (PGlite allows one process).
		const { DATABASE_URL, PGLITE_DIR = '' } = db.env;
		const q = await openDatabase({ DATABASE_URL, PGLITE_DIR });
		await q.migrate(join(ROOT, 'drizzle'));
		await q.query(`insert into resource_kind (id, names, class, unit) values
			('excavator', '{"en":"Excavator","ru":"Экскаватор","tg":"Экскаватор"}', 'equipment', 'unit'),
			('bulldozer', '{"en":"Bulldozer"}', 'equipment', 'unit') on conflict do nothing`);
		await q.query(
			`insert into resource (id, kind_id, name, agency, lat, lon) values
			($1, 'excavator', 'Excavator A', 'CoES Khatlon', 37.93, 69.8),
			($2, 'excavator', 'Excavator B', 'CoES Khatlon', 37.915, 69.79),
			($3, 'excavator', 'Excavator C', 'Vose hukumat', 37.8, 69.645),
			($4, 'bulldozer', 'Bulldozer', 'CoES Khatlon', 37.91, 69.78)`,
			[NEAR_1, NEAR_2, FAR, `bull-${RUN}`]
		);
		await q.close();
		app = await startApp({ ...db.env, ...mqtt });
		browser = await launch();
	});
	afterAll(async () => {
		for (const p of pages) await p.close().catch(() => {});
		await browser?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	async function signIn(role: 'operator' | 'supervisor' | 'admin'): Promise<Page> {
		const page = await browser.newPage(VIEW);
		pages.push(page);
		await page.goto(`${app.url}/login?lang=en`);
		await page.fill('input[name=email]', app.auth.users[role].email);
		await page.fill('input[name=password]', app.auth.users[role].password);
		await Promise.all([page.waitForURL(`${app.url}/`), page.click('button.primary')]);
		return page;
	}
	const hydrated = (p: Page) =>
		p.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
	const status = (p: Page, s: string) =>
		p.locator(`[data-testid="request-status"][data-status="${s}"]`).waitFor({ timeout: 15_000 });
	const report = async (client: MqttClient, id: string, s: string, ts: string) =>
		publishAll(client, [
			{
				topic: topics.resourceStatus(id),
				payload: JSON.stringify(resourceStatus({ status: s, ts }))
			}
		]);

	it('walks requested → approved → assigned → en route → delivered, each step audited', async () => {
		const op = await signIn('operator');
		const seen = watch(op, app.url);

		// The operator asks for two excavators for a point near Sari Kulob.
		await op.goto(`${app.url}/console/requests/new?lang=en`);
		await hydrated(op);
		await op.selectOption('[data-testid=field-kindId]', 'excavator');
		await op.fill('[data-testid=field-quantity]', '2');
		await op.selectOption('[data-testid=field-priority]', 'urgent');
		await op.fill('[data-testid=field-place]', 'Sari Kulob');
		await op.fill('[data-testid=field-lat]', '37.912');
		await op.fill('[data-testid=field-lon]', '69.781');
		await op.selectOption('[data-testid=field-district]', 'Kulob');
		await Promise.all([
			op.waitForURL(/\/console\/requests\/req-/),
			op.click('[data-testid=request-create]')
		]);
		const page = op.url().split('?')[0];
		const id = page.split('/').pop() as string;
		await status(op, 'requested');
		// An operator may not approve: the page offers it to a supervisor only.
		expect(await op.locator('[data-testid=request-approve]').count()).toBe(0);

		// The supervisor: a refusal without a reason is refused, naming the field; then approves.
		const sup = await signIn('supervisor');
		await sup.goto(`${page}?lang=en`);
		await hydrated(sup);
		await sup.click('[data-testid=request-refuse]');
		await expect
			.poll(() => sup.locator('[data-testid="problem-refuse-reason"]').textContent())
			.toContain('Give a reason');
		await status(sup, 'requested');
		await sup.click('[data-testid=request-approve]');
		await status(sup, 'approved');

		// The operator's page follows (the stream), then offers the nearest two, ticked.
		await status(op, 'approved');
		await op.locator('[data-testid=suggestions]').waitFor();
		expect(await op.locator('[data-testid=straight-line]').textContent()).toContain(
			'straight lines'
		);
		const rows = await op
			.locator('[data-testid=suggestions] tr[data-suggestion]')
			.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-suggestion')));
		expect(rows).toEqual([NEAR_2, NEAR_1, FAR]);
		const distances = await op.locator('[data-testid=distance]').allTextContents();
		expect(
			distances.every((d) => /^\d+\.\d km$/.test(d.trim())),
			distances.join('|')
		).toBe(true);
		await op.click('[data-testid=request-assign]');
		await status(op, 'assigned');
		expect(await op.locator('[data-testid=step-done]').textContent()).toContain('2');

		// Each assigned excavator's tasking is on its topic (retained), for this request.
		const sub = await connect(mqttUrl);
		const taskings = new Map<string, unknown>();
		sub.on('message', (topic, payload) => taskings.set(topic, JSON.parse(payload.toString())));
		await sub.subscribeAsync([topics.resourceTasking(NEAR_1), topics.resourceTasking(NEAR_2)], {
			qos: 1
		});
		await expect.poll(() => taskings.size, { timeout: 10_000 }).toBe(2);
		for (const t of taskings.values())
			expect(resourceTaskingPayloadSchema.parse(t)).toMatchObject({
				requestId: id,
				place: 'Sari Kulob',
				lat: 37.912,
				priority: 'urgent'
			});
		await end(sub);

		// The supervisor watches the board: the card stands under assigned, live from the stream.
		await sup.goto(`${app.url}/console/requests?lang=en`);
		await hydrated(sup);
		await sup.locator('[data-testid=request-live][data-state=live]').waitFor();
		const card = (column: string) =>
			sup
				.locator(`[data-testid=column-${column}] [data-request="${id}"]`)
				.waitFor({ state: 'attached', timeout: 15_000 });
		await card('assigned');

		// The devices report: the first en route moves the request en route; both on scene, delivered.
		const device = await connect(mqttUrl);
		const t0 = Date.now();
		const at = (s: number) => new Date(t0 + s * 1000).toISOString();
		await report(device, NEAR_1, 'en_route', at(1));
		await status(op, 'en_route');
		await card('en_route');
		await report(device, NEAR_2, 'en_route', at(2));
		await report(device, NEAR_1, 'on_scene', at(3));
		await report(device, NEAR_2, 'on_scene', at(4));
		await status(op, 'delivered');
		await card('delivered');
		await end(device);

		// The request's steps: who and when, each in order.
		const steps = await op
			.locator('[data-testid=request-steps] tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [tr.getAttribute('data-step'), tr.children[2].textContent?.trim()])
			);
		expect(steps).toEqual([
			['requested', app.auth.users.operator.email],
			['approved', app.auth.users.supervisor.email],
			['assigned', app.auth.users.operator.email],
			['en_route', `resource:${NEAR_1}`],
			['delivered', `resource:${NEAR_2}`]
		]);

		if (SHOTS) {
			mkdirSync(SHOTS, { recursive: true });
			for (const lang of ['ru', 'tg']) {
				await op.goto(`${page}?lang=${lang}`);
				await hydrated(op);
				await op.screenshot({ path: join(SHOTS, `request-${lang}.png`), fullPage: true });
				await op.goto(`${app.url}/console/requests?lang=${lang}`);
				await hydrated(op);
				await op.click('[data-testid=request-ended] summary');
				await op.screenshot({ path: join(SHOTS, `board-${lang}.png`), fullPage: true });
			}
		}

		// The audit log: every step, and the refusal, by whom.
		const admin = await signIn('admin');
		await admin.goto(`${app.url}/admin/audit?lang=en`);
		const audited = await admin.locator('[data-testid=audit] tbody tr').evaluateAll(
			(trs, target) =>
				trs
					.filter((tr) => tr.children[3].textContent?.trim() === target)
					.map((tr) => [tr.children[2].firstChild?.textContent?.trim(), tr.children[1].textContent])
					.reverse(),
			id
		);
		expect(audited).toEqual([
			['request.requested', app.auth.users.operator.email],
			['request.form-refused', app.auth.users.supervisor.email],
			['request.approved', app.auth.users.supervisor.email],
			['request.assigned', app.auth.users.operator.email],
			['request.en_route', `resource:${NEAR_1}`],
			['request.delivered', `resource:${NEAR_2}`]
		]);
		expect(seen.errors).toEqual([]);
	});
});
