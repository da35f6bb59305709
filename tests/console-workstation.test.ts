import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { topics } from '$lib/contracts';
import { validReport } from '$lib/contracts/testing';
import type { IncidentView } from '$lib/live/types';
import { BACKEND } from './helpers/backend';
import { watch } from './helpers/browser';
import { connect, end, publishAll } from './helpers/mqtt';
import { useWallApp } from './helpers/wall';

/**
 * Screenshots for a person to look at, only when SHOTS_DIR names a folder: a WebGL map takes
 * seconds to capture in a software renderer, and CI looks at none of them.
 */
const SHOTS = process.env.SHOTS_DIR;

type Box = { x: number; y: number; width: number; height: number };
const centreOf = async (page: Page) => {
	const text = await page.locator('[data-testid="console-map"]').getAttribute('data-center');
	const [lat, lon] = (text ?? '').split(',').map(Number);
	return { lat, lon };
};

/**
 * The operator's workstation (#14): at 1920×1080 the report queue, the incidents, the selected
 * one's detail and the map side by side; the map places a new incident; the place search finds a
 * town in any script and centres the map on it; the queue is worked from the keyboard.
 */
describe(`the console workstation in Chromium, on ${BACKEND}`, () => {
	const w = useWallApp({ EOC_SEED: 'demo' });
	const RUN = Math.random().toString(36).slice(2, 8);
	let page: Page;
	let seen: ReturnType<typeof watch>;

	const signIn = async (p: Page, lang = 'en') => {
		await p.goto(`${w.app.url}/login?lang=${lang}`);
		await p.fill('input[name=email]', w.app.auth.users.operator.email);
		await p.fill('input[name=password]', w.app.auth.users.operator.password);
		await Promise.all([p.waitForURL(`${w.app.url}/`), p.click('button.primary')]);
	};
	const shot = async (p: Page, name: string, fullPage = false) => {
		if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
	};

	beforeAll(async () => {
		if (SHOTS) mkdirSync(SHOTS, { recursive: true });
		page = await w.browser.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		seen = watch(page, w.app.url);
		await signIn(page);
		await page.goto(`${w.app.url}/console`);
		await page.locator('[data-testid="console-live"][data-state="live"]').waitFor();
		await page.locator('[data-testid="console-map"][data-center]').waitFor();
	});
	afterAll(async () => {
		await page?.close();
	});

	it('puts the boards side by side at 1920×1080, each within the screen', async () => {
		const boxes: Box[] = [];
		for (const id of ['board-queue', 'board-incidents', 'board-detail', 'board-map']) {
			const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
			expect(box, id).not.toBeNull();
			boxes.push(box!);
		}
		for (const [i, b] of boxes.entries()) {
			expect(b.y + b.height, `board ${i} ends within the screen`).toBeLessThanOrEqual(1080);
			expect(b.width).toBeGreaterThan(250);
			if (i > 0)
				expect(b.x, `board ${i} right of board ${i - 1}`).toBeGreaterThanOrEqual(
					boxes[i - 1].x + boxes[i - 1].width
				);
		}
		// The page itself does not scroll; the boards do.
		expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
			1080
		);
		await expect(page.locator('[data-testid="keyboard-help"] kbd').count()).resolves.toBe(6);
	});

	it('takes the new incident’s point from a click on the map', async () => {
		const map = page.locator('[data-testid="console-map"]');
		const box = (await map.boundingBox())!;
		// Away from the centre, where the demo's incidents may sit: a point with nothing on it.
		await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.15);
		await page.locator('[data-testid="new-point"]').waitFor();
		const lat = Number(await page.inputValue('#new-incident input[name=lat]'));
		const lon = Number(await page.inputValue('#new-incident input[name=lon]'));
		const centre = await centreOf(page);
		// North-east of the centre, not far.
		expect(lat).toBeGreaterThan(centre.lat);
		expect(lon).toBeGreaterThan(centre.lon);
		expect(lat - centre.lat).toBeLessThan(1);
		expect(lon - centre.lon).toBeLessThan(1);
	});

	it('finds Кулоб, Kulyab and Muminobod, centres the map and stores the place name', async () => {
		const search = page.locator('[data-testid="place-search"] input[name=place]');
		const choose = async (q: string, expected: RegExp) => {
			await search.fill(q);
			const first = page.locator('[data-testid="place-results"] li a').first();
			await expect.poll(() => first.textContent(), { timeout: 5_000 }).toMatch(expected);
			const id = await page
				.locator('[data-testid="place-results"] li')
				.first()
				.getAttribute('data-place');
			const place = (
				await w.app.getJson<{ id: string; lat: number; lon: number }[]>(
					`/api/v1/places?q=${encodeURIComponent(q)}&limit=8`
				)
			).find((p) => p.id === id)!;
			await first.click();
			await expect
				.poll(async () => {
					const c = await centreOf(page);
					return Math.hypot(c.lat - place.lat, c.lon - place.lon);
				})
				.toBeLessThan(0.001);
			expect(Number(await page.inputValue('#new-incident input[name=lat]'))).toBeCloseTo(
				place.lat,
				4
			);
			expect(Number(await page.inputValue('#new-incident input[name=lon]'))).toBeCloseTo(
				place.lon,
				4
			);
			return place;
		};
		const kulob = await choose('Кулоб', /Kulob|Кӯлоб|Кулоб/);
		const kulyab = await choose('Kulyab', /Kulob|Кӯлоб|Кулоб/);
		expect(kulyab.id).toBe(kulob.id);
		const muminobod = await choose('Muminobod', /Mu.?minobod|Мӯъминобод/);
		const name = await page.inputValue('#new-incident input[name=place]');
		expect(name).toMatch(/Mu.?minobod/);

		const title = `Workstation ${RUN}`;
		await page.fill('#new-incident input[name=title]', title);
		await page.click('#new-incident button.primary');
		await page.locator('[data-testid="console-done"]').waitFor();
		const stored = (await w.app.getJson<IncidentView[]>('/api/v1/incidents')).find(
			(i) => i.title === title
		);
		expect(stored?.place).toBe(name);
		expect(stored?.lat).toBeCloseTo(muminobod.lat, 4);
		expect(stored?.lon).toBeCloseTo(muminobod.lon, 4);
	});

	it('works the queue from the keyboard: next report, then accept', async () => {
		const pub = await connect(w.mqttUrl);
		const titles = [`Keyboard ${RUN} one`, `Keyboard ${RUN} two`];
		await publishAll(
			pub,
			titles.map((title, n) => ({
				topic: topics.incidentReport(),
				payload: JSON.stringify(validReport({ title, reporter: `keys-${RUN}`, severity: 5 - n }))
			}))
		);
		await end(pub);
		for (const t of titles) await page.locator('[data-report]', { hasText: t }).waitFor();
		// Typing in a field is never a command.
		await page.locator('#new-incident input[name=title]').fill('');
		await page.locator('#new-incident input[name=title]').press('j');
		expect(await page.locator('tr.selected').count()).toBe(0);
		await page.locator('#new-incident input[name=title]').fill('');
		await page.locator('#new-incident input[name=title]').blur();

		await page.keyboard.press('j');
		const first = page.locator('[data-report].selected');
		await expect.poll(() => first.textContent()).toContain(titles[0]);
		await expect
			.poll(() => page.locator('[data-testid="incident-detail"]').textContent())
			.toContain(titles[0]);
		await page.keyboard.press('j');
		await expect.poll(() => first.textContent()).toContain(titles[1]);
		await page.keyboard.press('k');
		await expect.poll(() => first.textContent()).toContain(titles[0]);

		await page.keyboard.press('a');
		// Accepted: it leaves the queue for the incidents, and the next report is selected.
		await page.locator('[data-incident]', { hasText: titles[0] }).waitFor();
		await expect
			.poll(() => page.locator('[data-report].selected').textContent())
			.toContain(titles[1]);
		const accepted = (await w.app.getJson<IncidentView[]>('/api/v1/incidents')).find(
			(i) => i.title === titles[0]
		);
		expect(accepted?.status).not.toBe('reported');
		await shot(page, 'console-1920-en');
		expect(seen.errors).toEqual([]);
		expect(seen.foreign).toEqual([]);
	});

	it.runIf(SHOTS).each(['tg', 'ru'])(
		'shows the workstation in %s (a screenshot to look at)',
		async (lang) => {
			await page.goto(`${w.app.url}/console?lang=${lang}`);
			await page.locator('[data-testid="console-map"][data-center]').waitFor();
			await page.keyboard.press('j');
			await page.locator('[data-testid="incident-detail"]').waitFor();
			expect(await page.locator('html').getAttribute('lang')).toBe(lang);
			await page.waitForTimeout(1000); // the map's labels drawn: a picture for people only
			await shot(page, `console-1920-${lang}`);
		},
		60_000
	);

	it('is one column on a phone', async () => {
		const phone = await w.browser.newPage({ viewport: { width: 390, height: 844 } });
		await signIn(phone, 'ru');
		await phone.goto(`${w.app.url}/console`);
		await phone.locator('[data-testid="console-live"][data-state="live"]').waitFor();
		// The map drawn too, for the picture only (a software renderer takes seconds).
		if (SHOTS) await phone.locator('[data-testid="console-map"][data-center]').waitFor();
		await shot(phone, 'console-390-ru', true);
		await shot(phone, 'console-390-ru-top');
		const queue = (await phone.locator('[data-testid="board-queue"]').boundingBox())!;
		const incidents = (await phone.locator('[data-testid="board-incidents"]').boundingBox())!;
		expect(incidents.y).toBeGreaterThanOrEqual(queue.y + queue.height);
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		// Nothing hides sideways inside the queue and the incidents either.
		for (const id of ['board-queue', 'board-incidents', 'board-new']) {
			const over = await phone
				.locator(`[data-testid="${id}"]`)
				.evaluate((el) => el.scrollWidth - el.clientWidth);
			expect(over, id).toBeLessThanOrEqual(1);
		}
		await phone.close();
	});
});
