import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './app';

export const ARTIFACTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium through playwright-core, with the flags this machine needs (docs/platform-notes.md), plus
 * any the caller adds (the wall bench exposes gc and precise memory).
 */
export async function launch(extraArgs: readonly string[] = []): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`
		);
	}
	mkdirSync(ARTIFACTS, { recursive: true });
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--use-angle=swiftshader',
			'--enable-unsafe-swiftshader',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			...extraArgs
		]
	});
}

/** Records console errors and every request to a host other than the app's. */
export function watch(page: Page, appUrl: string) {
	const origin = new URL(appUrl).origin;
	const errors: string[] = [];
	const foreign: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
	});
	return { errors, foreign };
}

/**
 * Opens a page of the app with its scripts held back, as on a slow machine, so that a test can
 * act on the server-rendered page before hydration; `hydrate()` lets the scripts through and
 * waits until the page has taken over.
 */
export async function openBeforeHydration(page: Page, url: string) {
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	const pattern = '**/_app/immutable/**/*.js'; // scripts only: a held stylesheet would hold the page
	await page.route(pattern, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	return {
		async hydrate() {
			release();
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
			await page.unroute(pattern);
		}
	};
}
