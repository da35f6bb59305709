import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validReport } from '$lib/contracts/testing';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS, openBeforeHydration, watch } from './helpers/browser';
import { connect, end, publishAll } from './helpers/mqtt';
import { useWallApp } from './helpers/wall';

// Hostile text from the field: if any of it ran, window.__xss would be set.
const HOSTILE = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> Сел дар кӯчаи Чормағзон`;

const open: Page[] = [];
afterEach(async () => {
	for (const p of open.splice(0)) await p.close().catch(() => {});
});

/**
 * An operator signs in, accepts a field report, assigns a team and posts a significant log
 * entry; a supervisor verifies it; the wall shows it. Text from the field stays text all the way.
 */
describe(`the console walked through in Chromium, on ${BACKEND}`, () => {
	const w = useWallApp({ EOC_SEED: 'none' });

	async function signedIn(role: 'operator' | 'supervisor'): Promise<Page> {
		const page = await w.browser.newPage({
			viewport: { width: 1400, height: 1000 },
			reducedMotion: 'reduce'
		});
		open.push(page);
		await page.goto(`${w.app.url}/login?lang=en`);
		await page.fill('input[name=email]', w.app.auth.users[role].email);
		await page.fill('input[name=password]', w.app.auth.users[role].password);
		await Promise.all([page.waitForURL(`${w.app.url}/`), page.click('button.primary')]);
		return page;
	}
	const ranNothing = async (page: Page) => {
		expect(
			await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
		).toBeUndefined();
		expect(await page.locator('img[onerror]').count()).toBe(0);
	};

	it('goes from a field report to a verified event on the wall, and field text stays text', async () => {
		const team = 'walk-rescue-1';
		await w.publish(team);
		const pub = await connect(w.mqttUrl);
		await publishAll(pub, [
			{
				topic: topics.incidentReport(),
				payload: JSON.stringify(
					validReport({ title: HOSTILE, description: HOSTILE, reporter: team, severity: 4 })
				)
			}
		]);
		await end(pub);

		// The operator: the report waits in the queue, as text.
		const op = await signedIn('operator');
		const seen = watch(op, w.app.url);
		await op.goto(`${w.app.url}/console`);
		const report = op.locator('[data-report]').first();
		await report.waitFor({ timeout: 30_000 });
		expect(await report.textContent()).toContain(HOSTILE);
		await ranNothing(op);
		await op.screenshot({ path: join(ARTIFACTS, 'walk-1-report-queue.png'), fullPage: true });
		await report.locator('form[action="?/accept"] button').click();
		await op.locator('[data-testid="console-done"]').waitFor();

		// Its incident page: assign the team.
		await op.locator('[data-testid="incidents"] a').first().click();
		await op.locator('[data-testid="incident-title"]').waitFor();
		expect(await op.locator('[data-testid="incident-title"]').textContent()).toContain(HOSTILE);
		await op.selectOption('select[name=teamId]', team);
		await op.fill('input[name=message]', 'Go to the Tebalay bridge');
		await op.locator('form[action="?/assign"] button').click();
		await op.locator('[data-testid="console-done"]').waitFor();
		expect(await op.locator('[data-testid="teams-here"]').textContent()).toContain(team);
		// An edit: once saved, the form shows what is now stored (not the values it opened with).
		await op.fill('input[name=trapped]', '3');
		await op.selectOption('select[name=severity]', '5');
		await op.locator('form[action="?/update"] button').click();
		await op.locator('[data-testid="console-done"][data-action="incident-update"]').waitFor();
		expect(await op.inputValue('input[name=trapped]')).toBe('3');
		expect(await op.inputValue('textarea[name=description]')).toBe(HOSTILE);
		// Selects too: a reset must not fall back to their first option (a second save would
		// then have set severity 1 and priority 1 without anyone choosing it).
		expect(await op.inputValue('select[name=severity]')).toBe('5');
		expect(await op.inputValue('select[name=priority]')).toBe('3');
		// The history says what the edit did, in words, the newest first.
		const newest = op.locator('[data-testid="history-data"]').first();
		expect(await newest.textContent()).toContain('Trapped: 3');
		await op.screenshot({ path: join(ARTIFACTS, 'walk-2-incident.png'), fullPage: true });

		// The log: a significant entry about it.
		await op.goto(`${w.app.url}/console/log`);
		const entry = `Bridge closed. ${HOSTILE}`;
		await op.fill('textarea[name=text]', entry);
		await op.selectOption('select[name=incidentId]', { index: 1 });
		await op.check('input[name=significant]');
		await op.locator('form[action="?/post"] button').click();
		await op.locator('[data-testid="log"]').getByText('Bridge closed.').first().waitFor();
		expect(await op.locator('[data-testid="verify"]').count()).toBe(0); // not an operator's to verify
		await ranNothing(op);
		expect(seen.errors).toEqual([]);
		expect(seen.foreign).toEqual([]);

		// The supervisor verifies it.
		const sup = await signedIn('supervisor');
		await sup.goto(`${w.app.url}/console/log`);
		await sup.locator('[data-testid="verify"]').first().click();
		await sup.locator('[data-testid="entry-verified"]').first().waitFor();
		await sup.screenshot({ path: join(ARTIFACTS, 'walk-3-log-verified.png'), fullPage: true });

		// The wall (a kiosk with a display token): the incident and the verified event, as text.
		const wall = await w.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		open.push(wall);
		await wall.goto(`${w.app.url}/wall`);
		await wall.waitForSelector('[data-testid="connection"][data-state="live"]', {
			timeout: 60_000
		});
		const event = wall.locator('[data-testid="event-row"]').filter({ hasText: 'Bridge closed.' });
		await event.waitFor({ timeout: 60_000 });
		expect(await event.textContent()).toContain('<script>window.__xss=1</script>');
		const incident = wall.locator('[data-testid="incident-row"]').first();
		expect(await incident.textContent()).toContain('Сел дар кӯчаи Чормағзон');
		await ranNothing(wall);
		await wall.waitForTimeout(1000);
		await wall.screenshot({ path: join(ARTIFACTS, 'walk-4-wall.png') });
	});

	it('keeps what a person typed before the page came to life, and signs them in', async () => {
		const { email, password } = w.app.auth.users.operator;
		const page = await w.browser.newPage({ reducedMotion: 'reduce' });
		open.push(page);
		const login = await openBeforeHydration(page, `${w.app.url}/login?lang=en`);
		await page.fill('input[name=email]', email);
		await page.fill('input[name=password]', password);
		await login.hydrate();
		expect(await page.inputValue('input[name=email]')).toBe(email);
		expect(await page.inputValue('input[name=password]')).toBe(password);
		await Promise.all([page.waitForURL(`${w.app.url}/`), page.click('button.primary')]);

		// A log entry typed while the console's script loads is still there to post.
		const log = await openBeforeHydration(page, `${w.app.url}/console/log`);
		await page.fill('textarea[name=text]', 'Typed before the page was ready');
		await log.hydrate();
		expect(await page.inputValue('textarea[name=text]')).toBe('Typed before the page was ready');
		await page.locator('form[action="?/post"] button').click();
		await page
			.locator('[data-testid="log"]')
			.getByText('Typed before the page was ready')
			.waitFor();
		// After a success the form is empty again, ready for the next entry.
		await page.locator('[data-testid="post-done"]').waitFor();
		expect(await page.inputValue('textarea[name=text]')).toBe('');
	});
});
