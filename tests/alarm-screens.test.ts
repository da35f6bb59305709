import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { topics } from '$lib/contracts';
import { validReading } from '$lib/contracts/testing';
import { BACKEND } from './helpers/backend';
import { watch } from './helpers/browser';
import { connect, end, publishAll } from './helpers/mqtt';
import { useWallApp, type WallApp } from './helpers/wall';

const open: Page[] = [];
afterEach(async () => {
	for (const p of open.splice(0)) await p.close().catch(() => {});
});

/** Where screenshots go when asked for (`ALARM_SHOTS=<a folder>`): en and ru. */
const SHOTS = process.env.ALARM_SHOTS;
const VIEW = { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' } as const;

async function signIn(w: WallApp, browser: Browser, role: 'admin' | 'operator'): Promise<Page> {
	const page = await browser.newPage(VIEW);
	open.push(page);
	await page.goto(`${w.app.url}/login?lang=en`);
	await page.fill('input[name=email]', w.app.auth.users[role].email);
	await page.fill('input[name=password]', w.app.auth.users[role].password);
	await Promise.all([page.waitForURL(`${w.app.url}/`), page.click('button.primary')]);
	return page;
}

/**
 * The alarm screens: an admin writes a rule on /admin/alarms (a bad one is refused, naming the
 * field); a gauge reading over its danger line published over MQTT shows on the wall's strip and
 * in the console's alarm list within 2 s, without a reload; an operator acknowledges it with a
 * comment in the console, and both screens then say who and when.
 */
describe(`the alarm screens in Chromium, on ${BACKEND}`, () => {
	const w = useWallApp({ EOC_SEED: 'none' });
	const RUN = Math.random().toString(36).slice(2, 8);
	const GAUGE = `gauge-${RUN}`;
	const RULE = `Gauge ${RUN} over danger`;

	const reading = async (value: number) => {
		const pub = await connect(w.mqttUrl);
		await publishAll(pub, [
			{ topic: topics.sensorReading(GAUGE), payload: JSON.stringify(validReading({ value })) }
		]);
		await end(pub);
	};

	it('raises, shows and acknowledges an alarm from a rule an admin wrote', async () => {
		// The gauge exists (a first, normal reading) before its lines are set.
		await reading(100);
		const admin = await signIn(w, w.browser, 'admin');
		const adminSeen = watch(admin, w.app.url);

		// A rule for this gauge at its danger line, through the page's own form.
		await admin.goto(`${w.app.url}/admin/alarms`);
		// Clicked before hydration, the form's <details> would be closed again by it.
		await admin.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
		const create = admin.locator('[data-testid="new-rule-gauge_level"]');
		await create.locator('summary').click();
		await create.locator('input[name=name]').fill(RULE);
		await create.locator('input[name="params.sensor"]').fill(GAUGE);
		await create.locator('select[name="params.threshold"]').selectOption('danger');
		await create.locator('select[name=level]').selectOption('danger');
		await create.locator('input[name=escalateAfterS]').fill('300');
		await create.getByRole('button', { name: 'Add rule' }).click();
		await admin.locator('[data-testid="admin-done"]').waitFor();
		const row = admin.locator('[data-testid="alarm-rules"] tr[data-rule]', { hasText: RULE });
		await row.waitFor();

		// A bad one: "a value" with no value. Refused, the field named and outlined, nothing stored.
		if (!(await create.evaluate((d) => (d as HTMLDetailsElement).open)))
			await create.locator('summary').click();
		await create.locator('input[name=name]').fill(`Bad ${RUN}`);
		await create.locator('select[name="params.threshold"]').selectOption('value');
		await create.locator('input[name="params.thresholdValue"]').fill('');
		await create.getByRole('button', { name: 'Add rule' }).click();
		const problem = admin.locator('[data-testid="admin-problem"]');
		await problem.waitFor();
		expect(await problem.getAttribute('data-field')).toBe('params.threshold');
		expect(await problem.textContent()).toContain('Threshold');
		const refused = admin.locator('[data-testid="new-rule-gauge_level"]');
		expect(
			await refused.locator('select[name="params.threshold"]').getAttribute('aria-invalid')
		).toBe('true');
		expect(await refused.locator('input[name=name]').inputValue()).toBe(`Bad ${RUN}`);
		expect(
			await admin
				.locator('[data-testid="alarm-rules"] tr[data-rule]', { hasText: `Bad ${RUN}` })
				.count()
		).toBe(0);

		// The gauge's lines, as an admin sets them in the console.
		await admin.goto(`${w.app.url}/console/settings`);
		const gauge = admin.locator(`tr[data-sensor="${GAUGE}"]`);
		await gauge.locator('input[name=warning]').fill('150');
		await gauge.locator('input[name=danger]').fill('200');
		await Promise.all([
			admin.waitForResponse((r) => r.url().includes('?/sensor') && r.ok()),
			gauge.locator('button[type=submit]').click()
		]);

		// The wall (kiosk) and the operator's console, both live before the reading.
		const wall = await w.newPage(VIEW);
		open.push(wall);
		const wallSeen = watch(wall, w.app.url);
		await wall.goto(`${w.app.url}/wall?lang=en`);
		await wall
			.locator('[data-testid="connection"][data-state="live"]')
			.waitFor({ timeout: 60_000 });
		const operator = await signIn(w, w.browser, 'operator');
		const consoleSeen = watch(operator, w.app.url);
		let loads = 0;
		operator.on('load', () => loads++);
		await operator.goto(`${w.app.url}/console/alarms`);
		await operator.locator('[data-testid="console-live"][data-state="live"]').waitFor();
		expect(await operator.locator('tr[data-alarm]', { hasText: RULE }).count()).toBe(0);
		const loadsBefore = loads;

		// Over the danger line: on both screens within 2 s, no reload.
		await reading(250);
		const onWall = wall.locator('[data-testid="wall-alarm"]', { hasText: RULE });
		const onConsole = operator.locator('[data-testid="alarms"] tr[data-alarm]', { hasText: RULE });
		await Promise.all([onWall.waitFor({ timeout: 2_000 }), onConsole.waitFor({ timeout: 2_000 })]);
		expect(await onWall.getAttribute('data-level')).toBe('danger');
		expect(await onWall.textContent()).toContain(GAUGE);
		expect(await onConsole.getAttribute('class')).toMatch(/\bfresh\b/);
		// Counted (the default rules for every gauge fire on this reading too).
		expect(await operator.locator('[data-testid="new-alarms"]').textContent()).toMatch(/[1-9] new/);
		expect(loads).toBe(loadsBefore);

		if (SHOTS) {
			mkdirSync(SHOTS, { recursive: true });
			await wall.waitForTimeout(1500); // the map draws its rings
			await wall.screenshot({ path: join(SHOTS, 'wall-en.png') });
			await operator.screenshot({ path: join(SHOTS, 'console-alarms-en.png'), fullPage: true });
		}

		// Acknowledged in the console with a comment: who and when, there and on the wall.
		await onConsole.locator('input[name=comment]').fill('Crew sent to the bridge');
		await onConsole.getByRole('button', { name: 'Acknowledge' }).click();
		const acked = onConsole.locator('[data-testid="alarm-acked"]');
		await acked.waitFor({ timeout: 5_000 });
		expect(await acked.textContent()).toContain('Test operator');
		expect(await acked.textContent()).toContain('Crew sent to the bridge');
		const wallAck = onWall.locator('[data-testid="wall-alarm-ack"]');
		await wallAck.waitFor({ timeout: 5_000 });
		expect(await wallAck.textContent()).toContain('Test operator');
		expect(await wallAck.textContent()).toMatch(/\d\d:\d\d \(\d\d:\d\d UTC\)/);

		if (SHOTS) {
			await wall.waitForTimeout(500);
			await wall.screenshot({ path: join(SHOTS, 'wall-acked-en.png') });
			await operator.screenshot({
				path: join(SHOTS, 'console-alarms-acked-en.png'),
				fullPage: true
			});
			await admin.goto(`${w.app.url}/admin/alarms?lang=en`);
			await admin.screenshot({ path: join(SHOTS, 'admin-alarms-en.png'), fullPage: true });
			for (const [page, name] of [
				[wall, 'wall'],
				[operator, 'console-alarms'],
				[admin, 'admin-alarms']
			] as const) {
				const path =
					name === 'wall' ? 'wall' : name === 'admin-alarms' ? 'admin/alarms' : 'console/alarms';
				await page.goto(`${w.app.url}/${path}?lang=ru`);
				if (name === 'wall')
					await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
				await page.waitForTimeout(name === 'wall' ? 2500 : 500);
				await page.screenshot({ path: join(SHOTS, `${name}-ru.png`), fullPage: name !== 'wall' });
			}
		}
		// From the alarm to a warning: the draft form opens with the alarm it comes from.
		await operator
			.locator('[data-testid="alarms"] tr[data-alarm]', { hasText: RULE })
			.getByTestId('alarm-draft-warning')
			.click();
		const from = operator.getByTestId('warning-alarm');
		await from.waitFor({ timeout: 5_000 });
		expect(await from.textContent()).toContain(RULE);
		expect(operator.url()).toContain('/console/warnings/new?alarm=');

		expect(adminSeen.errors).toEqual([]);
		expect(wallSeen.errors).toEqual([]);
		expect(consoleSeen.errors).toEqual([]);
		expect([...wallSeen.foreign, ...consoleSeen.foreign]).toEqual([]);
	}, 120_000);
});
