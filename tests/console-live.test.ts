import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { topics } from '$lib/contracts';
import { validReport } from '$lib/contracts/testing';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS, watch } from './helpers/browser';
import { connect, end, publishAll } from './helpers/mqtt';
import { useWallApp } from './helpers/wall';

const open: Page[] = [];
afterEach(async () => {
	for (const p of open.splice(0)) await p.close().catch(() => {});
});

/**
 * The console takes the wall's live stream: a field report published over MQTT lands in the open
 * queue without a reload, cued, while what the operator is typing (the new-incident form, a
 * reject reason in a row) keeps its text and its focus.
 */
describe(`the live console in Chromium, on ${BACKEND}`, () => {
	const w = useWallApp({ EOC_SEED: 'none' });
	const RUN = Math.random().toString(36).slice(2, 8);

	const report = async (title: string, severity: number) => {
		const pub = await connect(w.mqttUrl);
		await publishAll(pub, [
			{
				topic: topics.incidentReport(),
				payload: JSON.stringify(validReport({ title, reporter: `live-${RUN}`, severity }))
			}
		]);
		await end(pub);
	};
	const focused = (page: Page) =>
		page.evaluate(() => {
			const el = document.activeElement;
			return el ? `${el.tagName.toLowerCase()}[name=${el.getAttribute('name')}]` : '';
		});

	it('shows a new report in place, with its cue, and keeps a half-typed form', async () => {
		const page = await w.browser.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		open.push(page);
		const seen = watch(page, w.app.url);
		await page.goto(`${w.app.url}/login?lang=en`);
		await page.fill('input[name=email]', w.app.auth.users.operator.email);
		await page.fill('input[name=password]', w.app.auth.users.operator.password);
		await Promise.all([page.waitForURL(`${w.app.url}/`), page.click('button.primary')]);
		let loads = 0;
		page.on('load', () => loads++);
		await page.goto(`${w.app.url}/console`);
		// The stream is open (its snapshot applied) before anything is published.
		await page.locator('[data-testid="console-live"][data-state="live"]').waitFor();
		expect(await page.locator('[data-report]').count()).toBe(0);
		await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
		const loadsBefore = loads;

		// Half-typed: a title, and the description still being written.
		await page.fill('input[name=title]', 'Half-typed title');
		await page.locator('textarea[name=description]').click();
		await page.keyboard.type('Mud over the road, still');

		const first = `Live report ${RUN} one`;
		await report(first, 2);
		const row = page.locator('[data-report]', { hasText: first });
		await row.waitFor({ timeout: 5_000 });
		// The cue: the row is marked and counted (no animation under reduced motion).
		expect(await row.getAttribute('class')).toMatch(/\bfresh\b/);
		expect(await row.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
		expect(await page.locator('[data-testid="new-reports"]').textContent()).toContain('1 new');
		// The same document: no reload brought it.
		expect(loads).toBe(loadsBefore);
		expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(
			true
		);
		// The form kept its text and its focus; typing goes on where it was.
		expect(await focused(page)).toBe('textarea[name=description]');
		await page.keyboard.type(' passable');
		expect(await page.inputValue('textarea[name=description]')).toBe(
			'Mud over the road, still passable'
		);
		expect(await page.inputValue('input[name=title]')).toBe('Half-typed title');
		await page.screenshot({ path: join(ARTIFACTS, 'console-live-report.png') });

		// A reason half-typed in that row survives a more severe report sorted in above it.
		await row.locator('input[name=reason]').fill('Duplicate of the bridge');
		await row.locator('input[name=reason]').focus();
		const second = `Live report ${RUN} two`;
		await report(second, 5);
		await page.locator('[data-report]', { hasText: second }).waitFor({ timeout: 5_000 });
		expect(await page.locator('[data-report]').first().textContent()).toContain(second);
		expect(await page.locator('[data-testid="new-reports"]').textContent()).toContain('2 new');
		expect(await row.locator('input[name=reason]').inputValue()).toBe('Duplicate of the bridge');
		expect(await focused(page)).toBe('input[name=reason]');

		// Marked seen: the count and the marks go, the reports stay.
		await page.getByRole('button', { name: 'Mark seen' }).click();
		await page.locator('[data-testid="new-reports"]').waitFor({ state: 'detached' });
		expect(await row.getAttribute('class')).not.toMatch(/\bfresh\b/);
		expect(await page.locator('[data-report]').count()).toBe(2);
		expect(loads).toBe(loadsBefore);
		expect(seen.errors).toEqual([]);
		expect(seen.foreign).toEqual([]);
	}, 60_000);
});
