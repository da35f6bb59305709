/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The field app's service worker (registered by /field only, with scope /field): it keeps the
 * app's shell so the phone opens it with no network. It stores /field and exactly the files that
 * page loads, not the whole build (the wall's map libraries never reach a phone): at install what
 * the HTML names, and then what the open page reports it has loaded (its chunks come by dynamic
 * import, so no HTML names them; they are in the browser's HTTP cache by then, so keeping them
 * costs no transfer). Navigations under /field go to the network first and fall back to the
 * stored shell; the build's immutable files are served from the store. Nothing else is touched:
 * the pairing request and the MQTT WebSocket go straight to the network.
 */
import { version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `field-${version}`;
const SHELL = '/field';
// Fresh from the network when there is one, else the last copy: the places a report may name,
// and the page's server data (SvelteKit asks for it on start, as /field renders in the browser).
const PLACES = '/field/places.json';
const DATA = '/field/__data.json';
const FRESH = [SHELL, PLACES, DATA];
// The PNG icons are for the install prompt, which fetches them itself.
const EXTRA = ['/field.webmanifest', '/field-icon.svg'];
// A navigation that the network does not answer in this time is served from the store.
const NETWORK_WAIT_MS = 4_000;

/** The same-origin files an HTML page loads: scripts, module preloads, styles, icons. */
function assetsOf(html: string): string[] {
	const found = new Set<string>();
	// SvelteKit writes them relative to the page (`./_app/…`); /field sits at the root.
	for (const m of html.matchAll(/(?:href|src)="\.?(\/_app\/[^"]+)"/g)) found.add(m[1]);
	for (const m of html.matchAll(/import\("\.?(\/_app\/[^"]+)"\)/g)) found.add(m[1]);
	return [...found];
}

async function install(): Promise<void> {
	const cache = await caches.open(CACHE);
	const page = await fetch(SHELL, { cache: 'no-store' });
	if (!page.ok) throw new Error(`the shell answered ${page.status}`);
	const html = await page.clone().text();
	await cache.put(SHELL, page);
	// Each on its own: a missing icon must not cost the phone its offline shell.
	await Promise.all(
		[...assetsOf(html), ...EXTRA].map((path) => cache.add(path).catch(() => undefined))
	);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(install().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith('field-') && key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/** The network's answer (kept for next time), or the kept copy when it does not come in time. */
async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const path = new URL(request.url).pathname;
	const kept = () => cache.match(FRESH.includes(path) ? path : SHELL);
	let response: Response;
	try {
		response = await Promise.race([
			fetch(request),
			new Promise<never>((_, reject) =>
				setTimeout(() => reject(new Error('slow')), NETWORK_WAIT_MS)
			)
		]);
	} catch {
		return (await kept()) ?? Response.error();
	}
	// A proxy's 502 while the app is down, or a captive portal's page (redirected, or not ours):
	// the kept copy serves the team better, and must not be replaced by it.
	const ours =
		response.ok &&
		!response.redirected &&
		(response.headers.get('content-type') ?? '').startsWith(
			path === SHELL ? 'text/html' : 'application/json'
		);
	if (ours) {
		if (FRESH.includes(path)) await cache.put(path, response.clone());
		return response;
	}
	return (await kept()) ?? response;
}

async function stored(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

/** Keeps the same-origin build files and icons the page has loaded, skipping those kept already. */
async function keep(urls: unknown): Promise<void> {
	if (!Array.isArray(urls)) return;
	const cache = await caches.open(CACHE);
	for (const u of urls.slice(0, 200)) {
		if (typeof u !== 'string') continue;
		const url = new URL(u, sw.location.origin);
		if (url.origin !== sw.location.origin) continue;
		if (!url.pathname.startsWith('/_app/immutable/') && !EXTRA.includes(url.pathname)) continue;
		if (await cache.match(url.pathname)) continue;
		const response = await fetch(url.pathname).catch(() => null);
		if (response?.ok) await cache.put(url.pathname, response);
	}
}

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: unknown; urls?: unknown } | null;
	if (data?.type === 'keep') event.waitUntil(keep(data.urls));
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (
		(request.mode === 'navigate' && (url.pathname === SHELL || url.pathname === `${SHELL}/`)) ||
		url.pathname === PLACES ||
		url.pathname === DATA
	)
		event.respondWith(networkFirst(request));
	else if (url.pathname.startsWith('/_app/immutable/') || EXTRA.includes(url.pathname))
		event.respondWith(stored(request));
});
