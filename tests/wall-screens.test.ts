import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from './helpers/app';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS, watch } from './helpers/browser';
import { useWallApp, type WallApp } from './helpers/wall';

const BOARDS = ['totals', 'incidents', 'teams', 'resources', 'gauges', 'shelters', 'events'];
const live = '[data-testid="connection"][data-state="live"]';

const open: Page[] = [];
/**
 * A page that is closed after each test even when it fails (a 4K map left drawing in SwiftShader
 * would starve the next test), with reduced motion: the pulse of new incidents stops, so the
 * software renderer is not drawing frames back to back while the test reads the page.
 */
async function newPage(wa: WallApp, width: number, height: number): Promise<Page> {
	const page = await wa.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
	open.push(page);
	return page;
}
afterEach(async () => {
	for (const p of open.splice(0)) await p.close().catch(() => {});
});

/** Font sizes (px) of every visible text node's element inside the selector. */
async function fontSizes(page: Page, selector: string): Promise<number[]> {
	return page.evaluate((sel) => {
		const out: number[] = [];
		for (const root of document.querySelectorAll(sel)) {
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!el || !n.textContent?.trim()) continue;
				const r = el.getBoundingClientRect();
				if (r.width === 0 || r.height === 0) continue;
				out.push(parseFloat(getComputedStyle(el).fontSize));
			}
		}
		return out;
	}, selector);
}

describe(`the wall's screens in Chromium, on ${BACKEND}`, () => {
	const wa = useWallApp({ EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });

	for (const [w, h, scale] of [
		[1920, 1080, 1],
		[3840, 2160, 2]
	]) {
		it(`renders the map, the layers and every board at ${w}×${h}, legible and without scrolling`, async () => {
			const page = await newPage(wa, w, h);
			const seen = watch(page, wa.app.url);
			await page.goto(`${wa.app.url}/wall`);
			await page.waitForSelector(live, { timeout: 60_000 });
			for (const b of BOARDS) await page.locator(`[data-testid="board-${b}"]`).waitFor();
			await page.locator('[data-testid="gauge"]').first().waitFor();
			await page.locator('[data-testid="event-row"]').first().waitFor();
			await page.locator('[data-testid="map"] canvas').first().waitFor();
			// The terrain's hillshade (no TERRAIN_PATH: the synthetic Kulob terrain), credited as such.
			await page.locator('[data-testid="map"][data-terrain="synthetic terrain"]').waitFor();
			expect(await page.locator('[data-testid="map"] ~ .attribution').textContent()).toContain(
				'synthetic terrain'
			);
			await page.waitForTimeout(2000); // the map, its fonts and layers draw
			await page.screenshot({ path: join(ARTIFACTS, `wall-${w}x${h}.png`) });

			const size = await page.evaluate(() => ({
				w: document.documentElement.scrollWidth,
				h: document.documentElement.scrollHeight
			}));
			expect(size).toEqual({ w, h });
			// Boards do not overlap one another or the map.
			const boxes = await page.evaluate((names) => {
				const sel = [...names.map((b) => `[data-testid="board-${b}"]`), '[data-testid="map"]'];
				return sel.map((s) => {
					const r = document.querySelector(s)!.getBoundingClientRect();
					return { s, x: r.x, y: r.y, r: r.right, b: r.bottom };
				});
			}, BOARDS);
			for (const a of boxes)
				for (const b of boxes) {
					if (a === b) continue;
					const overlap = a.x < b.r - 1 && b.x < a.r - 1 && a.y < b.b - 1 && b.y < a.b - 1;
					expect(overlap, `${a.s} overlaps ${b.s}`).toBe(false);
				}
			const sizes = await fontSizes(page, BOARDS.map((b) => `[data-testid="board-${b}"]`).join());
			expect(sizes.length).toBeGreaterThan(20);
			expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18 * scale);
			expect(
				Math.max(...(await fontSizes(page, '[data-testid="board-totals"]')))
			).toBeGreaterThanOrEqual(32 * scale);
			expect(seen.foreign).toEqual([]);
			expect(seen.errors).toEqual([]);
			await page.close();
		});
	}

	it('speaks Tajik, Russian and English, per screen', async () => {
		const page = await newPage(wa, 1920, 1080);
		const seen = watch(page, wa.app.url);
		const texts: Record<string, string> = {};
		for (const lang of ['tg', 'ru', 'en']) {
			await page.goto(`${wa.app.url}/wall?lang=${lang}`);
			await page.waitForSelector(live, { timeout: 60_000 });
			await page.locator('[data-testid="board-teams"]').waitFor();
			expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
			texts[lang] = await page.locator('[data-testid="board-teams"]').innerText();
			await page.screenshot({ path: join(ARTIFACTS, `wall-${lang}.png`) });
		}
		expect(texts.tg).toMatch(/[ғӣқӯҳҷ]/iu);
		expect(texts.ru).toMatch(/[а-яё]/iu);
		expect(texts.ru).not.toMatch(/[ғӣқӯҳҷ]/iu);
		expect(texts.en).not.toMatch(/[а-яё]/iu);
		expect(new Set(Object.values(texts)).size).toBe(3);
		expect(seen.errors).toEqual([]);
		await page.close();
	});

	it('has a map-only and a boards-only screen for multi-screen walls', async () => {
		const page = await newPage(wa, 1920, 1080);
		const seen = watch(page, wa.app.url);
		await page.goto(`${wa.app.url}/wall/map`);
		await page.waitForSelector(live, { timeout: 60_000 });
		await page.locator('[data-testid="map"] canvas').first().waitFor();
		for (const b of BOARDS)
			expect(await page.locator(`[data-testid="board-${b}"]`).count()).toBe(0);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: join(ARTIFACTS, 'wall-map-only.png') });
		await page.goto(`${wa.app.url}/wall/boards`);
		await page.waitForSelector(live, { timeout: 60_000 });
		for (const b of BOARDS) await page.locator(`[data-testid="board-${b}"]`).waitFor();
		expect(await page.locator('[data-testid="map"]').count()).toBe(0);
		await page.screenshot({ path: join(ARTIFACTS, 'wall-boards-only.png') });
		expect(seen.errors).toEqual([]);
		expect(seen.foreign).toEqual([]);
		await page.close();
	});
});

// On an empty database, so that every team published here fits the roster (it shows what fits).
describe(`the wall with live field data in Chromium, on ${BACKEND}`, () => {
	const wa = useWallApp({ EOC_SEED: 'none' });

	it('marks a team stale past the threshold, and brings up the EXERCISE banner for exercise data', async () => {
		const page = await newPage(wa, 1920, 1080);
		const seen = watch(page, wa.app.url);
		await page.goto(`${wa.app.url}/wall`);
		await page.waitForSelector(live, { timeout: 60_000 });
		expect(await page.locator('[data-testid="exercise-banner"]').count()).toBe(0);

		await wa.publish('wall-t-stale', { ts: new Date(Date.now() - 11 * 60_000).toISOString() });
		await wa.publish('wall-t-fresh', {});
		const row = (id: string) => page.locator(`[data-testid="team-row"][data-team-id="${id}"]`);
		await row('wall-t-stale').waitFor({ timeout: 60_000 });
		await row('wall-t-fresh').waitFor({ timeout: 60_000 });
		expect(await row('wall-t-stale').getAttribute('data-stale')).toBe('true');
		expect(await row('wall-t-fresh').getAttribute('data-stale')).toBe('false');

		// Drill data belongs to the drill's picture: the real wall never receives it, and the
		// wall showing the drill (?exercise=) carries the EXERCISE banner.
		const drillPage = await newPage(wa, 1920, 1080);
		const drillSeen = watch(drillPage, wa.app.url);
		await drillPage.goto(`${wa.app.url}/wall?exercise=kulob-drill-1`);
		await drillPage.waitForSelector(live, { timeout: 60_000 });
		await wa.publish('wall-t-drill', { exercise: 'kulob-drill-1' });
		const banner = drillPage.locator('[data-testid="exercise-banner"]');
		await banner.waitFor({ timeout: 60_000 });
		expect(await banner.textContent()).toMatch(/EXERCISE/);
		const drillRow = drillPage.locator('[data-testid="team-row"][data-team-id="wall-t-drill"]');
		await drillRow.waitFor({ timeout: 60_000 });
		expect(await row('wall-t-drill').count()).toBe(0);
		expect(await page.locator('[data-testid="exercise-banner"]').count()).toBe(0);
		await page.screenshot({ path: join(ARTIFACTS, 'wall-stale.png') });
		await drillPage.screenshot({ path: join(ARTIFACTS, 'wall-exercise-stale.png') });
		expect(seen.errors).toEqual([]);
		expect(drillSeen.errors).toEqual([]);
		await drillPage.close();
		await page.close();
	});

	it('recovers by itself when the server restarts mid-test, without a reload', async () => {
		const page = await newPage(wa, 1920, 1080);
		await page.goto(`${wa.app.url}/wall`);
		await page.waitForSelector(live, { timeout: 60_000 });
		await page.evaluate(
			() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true)
		);

		await wa.app.kill('SIGTERM');
		await page.waitForSelector('[data-testid="connection"]:not([data-state="live"])', {
			timeout: 60_000
		});
		wa.app = await startApp(wa.env, { port: wa.app.port });
		await page.waitForSelector(live, { timeout: 60_000 });
		expect(
			await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)
		).toBe(true);
		await wa.publish('wall-t-after-restart', {});
		await page
			.locator('[data-testid="team-row"][data-team-id="wall-t-after-restart"]')
			.waitFor({ timeout: 60_000 });
		await page.close();
	});
});
