// `/wall` over the wire: what a wall screen downloads when it opens, measured in headless Chromium
// through the DevTools protocol. Per response, `encodedDataLength` (bytes on the wire: headers and
// the body as sent, compressed or not) and the body after decoding; the two totals side by side say
// how much compression saves in this build. Method and figures: docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../tests/helpers/app';
import { launch } from '../tests/helpers/browser';
import { displayState } from '../tests/helpers/principals';
import { freePort } from '../tests/helpers/ports';
import { recordTransfers, sum, type Transfer } from './transfers';
import { note, onCleanup } from './util';

/** Today's figure before compression (docs/benchmarks.md) and the issue's target: a third of it. */
export const WIRE_TARGET_BYTES = 3.2e6 / 3;

export interface WireResult {
	path: string;
	requests: number;
	/** Bytes on the wire (headers and bodies as sent). */
	transferred: number;
	/** The same bodies after decoding (what an uncompressed server would send, without headers). */
	decoded: number;
	/** Responses sent with a content-encoding, by encoding. */
	encodings: Record<string, number>;
	largest: Transfer[];
}

export async function wireRun(entry: string, path = '/wall'): Promise<WireResult> {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-wire-'));
	const cleanDir = onCleanup('the wire bench database', async () =>
		rmSync(dir, { recursive: true, force: true })
	);
	// The demo region, as a newcomer's wall shows it; the feed off, so nothing moves meanwhile.
	const app = await startApp(
		{
			PGLITE_DIR: dir,
			MQTT_PORT: String(await freePort()),
			MQTT_WS_PORT: String(await freePort()),
			EOC_SEED: 'demo',
			EOC_DEMO_FEED: 'off'
		},
		{ entry }
	);
	const stopApp = onCleanup('the wire bench app', async () => void (await app.kill('SIGTERM')));
	const browser = await launch();
	const closeBrowser = onCleanup('the wire bench browser', () => browser.close());
	try {
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 },
			storageState: displayState(app)
		});
		const page = await context.newPage();
		const done = await recordTransfers(context, page, { cacheDisabled: true });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		note(`wire: opening ${path} in Chromium`);
		await page.goto(`${app.url}${path}`);
		await page
			.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 120_000 })
			.catch((e: Error) => {
				throw new Error(`${e.message.split('\n')[0]}; page errors: ${errors.join('; ')}`);
			});
		// The map's terrain, fonts and layers load after the page says live.
		await page.waitForSelector('[data-testid="map"]:not([data-terrain=""])', { timeout: 60_000 });
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1500);
		await context.close();
		const encodings: Record<string, number> = {};
		for (const r of done) encodings[r.encoding] = (encodings[r.encoding] ?? 0) + 1;
		const origin = new URL(app.url).origin;
		return {
			path,
			requests: done.length,
			transferred: sum(done, 'transferred'),
			decoded: sum(done, 'decoded'),
			encodings,
			largest: done
				.sort((a, b) => b.transferred - a.transferred)
				.slice(0, process.env.BENCH_WIRE_ALL ? undefined : 5)
				.map((r) => ({ ...r, url: r.url.replace(origin, '') }))
		};
	} finally {
		await closeBrowser(true);
		await stopApp(true);
		await cleanDir(true);
	}
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

export function wireReport(r: WireResult): string {
	const ok = r.transferred <= WIRE_TARGET_BYTES ? 'ok' : 'MISSED';
	return [
		`${r.path} over the wire (target: at most ${mb(WIRE_TARGET_BYTES)}, a third of 3.2 MB):`,
		`  ${r.requests} responses: ${mb(r.transferred)} (${r.transferred.toLocaleString('en')} B) transferred, ${mb(r.decoded)} after decoding ` +
			`(transferred / decoded ${(r.transferred / Math.max(1, r.decoded)).toFixed(2)})  ${ok}`,
		`  content-encoding: ${Object.entries(r.encodings)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}`,
		`  largest: ${r.largest.map((l) => `${l.url.slice(0, 60)} ${kb(l.transferred)} (${kb(l.decoded)} decoded, ${l.encoding})`).join('; ')}`
	].join('\n');
}
