import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { FormClient, testId } from './client';

/** A phone: 360×800, touch, in Kulob with location allowed (issue #16's browser test). */
export const PHONE: BrowserContextOptions = {
	viewport: { width: 360, height: 800 },
	isMobile: true,
	hasTouch: true,
	deviceScaleFactor: 2,
	geolocation: { latitude: 37.9115, longitude: 69.7846, accuracy: 12 },
	permissions: ['geolocation'],
	reducedMotion: 'reduce'
};

export async function phone(browser: Browser, lang = 'en'): Promise<BrowserContext> {
	const context = await browser.newContext({ ...PHONE, locale: lang === 'en' ? 'en-GB' : lang });
	return context;
}

export const hydrated = (p: Page) =>
	p.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });

/** The link bar's state and count of messages waiting (data attributes of `.link`). */
export async function linkState(p: Page): Promise<{ state: string; waiting: number }> {
	const el = p.locator('.link');
	return {
		state: (await el.getAttribute('data-state')) ?? '',
		waiting: Number(await el.getAttribute('data-waiting'))
	};
}

export function waitLink(p: Page, state: string, waiting?: number, timeout = 30_000) {
	const w = waiting === undefined ? '' : `[data-waiting="${waiting}"]`;
	return p.locator(`.link[data-state="${state}"]${w}`).waitFor({ timeout });
}

/** The msgIds waiting in the phone's queue, oldest first (the Outbox tab's list). */
export async function queuedIds(p: Page): Promise<string[]> {
	await p.locator('.tabs button').nth(2).tap();
	const ids = await p
		.locator('[data-testid="queue"] li')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-msg-id') ?? ''));
	await p.locator('.tabs button').nth(0).tap();
	return ids;
}

/** Whether the service worker controls the page and keeps the app's files (shell included). */
export async function keptOffline(p: Page): Promise<number> {
	return p.evaluate(async () => {
		if (!navigator.serviceWorker.controller) return 0;
		let n = 0;
		for (const key of await caches.keys()) n += (await (await caches.open(key)).keys()).length;
		return n;
	});
}

/** A photo as a phone camera makes it: 3000×2000, noisy, so shrinking it has work to do. */
export async function cameraJpeg(p: Page): Promise<Buffer> {
	const b64 = await p.evaluate(async () => {
		const c = document.createElement('canvas');
		c.width = 3000;
		c.height = 2000;
		const g = c.getContext('2d')!;
		const img = g.createImageData(c.width, c.height);
		for (let i = 0; i < img.data.length; i += 4) {
			const v = (Math.random() * 255) | 0;
			img.data[i] = v;
			img.data[i + 1] = (v * 7) & 255;
			img.data[i + 2] = (i >> 10) & 255;
			img.data[i + 3] = 255;
		}
		g.putImageData(img, 0, 0);
		const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.95));
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let s = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return btoa(s);
	});
	return Buffer.from(b64, 'base64');
}

/** Issues a device credential for a team on /admin/devices; returns what the page shows once. */
export async function issueCredential(admin: FormClient, teamId: string) {
	const r = await admin.post('/admin/devices?/issue', { teamId, name: `Phone ${teamId}` });
	const html = await r.text();
	return { username: testId(html, 'device-username'), password: testId(html, 'device-password') };
}

/**
 * One request on the phone's IndexedDB (the field app's own database, `src/lib/field/db.ts`):
 * read a store, read one key, or add a row, as the app would.
 */
export function phoneDb<T>(
	p: Page,
	req:
		| { store: string; op: 'getAll' }
		| { store: string; op: 'get'; key: string }
		| { store: string; op: 'add'; value: unknown }
): Promise<T> {
	return p.evaluate(async (r) => {
		const open = indexedDB.open('eocwall-field', 1);
		const db = await new Promise<IDBDatabase>((res, rej) => {
			open.onsuccess = () => res(open.result);
			open.onerror = () => rej(open.error);
		});
		const store = db
			.transaction(r.store, r.op === 'add' ? 'readwrite' : 'readonly')
			.objectStore(r.store);
		const q =
			r.op === 'getAll' ? store.getAll() : r.op === 'get' ? store.get(r.key) : store.add(r.value);
		return new Promise<T>((res, rej) => {
			q.onsuccess = () => res(q.result as T);
			q.onerror = () => rej(q.error);
		});
	}, req);
}
