// `/field` over the wire: what a team's phone downloads when it first opens the field app (the
// pairing screen, with the service worker keeping the shell), and then what pairing adds (the
// MQTT client, loaded when the link first connects). Headless Chromium at 360×800 with an empty
// cache, as a new phone; the page's responses through the DevTools protocol and the service
// worker's own fetches through Playwright (they are another target). Issue #16's budget: 150 KB
// compressed on first load. Method and figures: docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../tests/helpers/app';
import { launch } from '../tests/helpers/browser';
import { FormClient, testId } from '../tests/helpers/client';
import { PHONE } from '../tests/helpers/field';
import { freePort } from '../tests/helpers/ports';
import { recordTransfers, sum, type Transfer } from './transfers';
import { note, onCleanup } from './util';

export const FIELD_BUDGET_BYTES = 150_000;

export interface FieldWireResult {
	/** The pairing screen, ready, with the service worker's install fetches. */
	first: { page: Transfer[]; worker: number };
	/** What pairing and the first connection add: the page's responses (those the worker answered
	 *  count 0 there) and the worker's own fetches. */
	paired: { page: Transfer[]; worker: number };
}

export async function fieldWireRun(entry: string): Promise<FieldWireResult> {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-field-'));
	const cleanDir = onCleanup('the field bench database', async () =>
		rmSync(dir, { recursive: true, force: true })
	);
	const app = await startApp(
		{
			PGLITE_DIR: dir,
			MQTT_PORT: String(await freePort()),
			MQTT_DEVICE_AUTH: 'on',
			EOC_SEED: 'demo',
			EOC_DEMO_FEED: 'off'
		},
		{ entry }
	);
	const stopApp = onCleanup('the field bench app', async () => void (await app.kill('SIGTERM')));
	const browser = await launch();
	const closeBrowser = onCleanup('the field bench browser', () => browser.close());
	try {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		let worker = 0;
		context.on('requestfinished', (r) => {
			if (!r.serviceWorker()) return;
			void r.sizes().then((s) => (worker += s.responseHeadersSize + s.responseBodySize));
		});
		const first = await recordTransfers(context, page);
		note('wire: opening /field on a new phone');
		await page.goto(`${app.url}/field`);
		await page.locator('#pair-code').waitFor({ timeout: 60_000 });
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1000);
		const firstDone = [...first];
		const workerFirst = worker;

		const admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		const teams = await app.getJson<{ id: string }[]>('/api/v1/teams');
		const r = await admin.post('/admin/devices?/pair', { teamId: teams[0].id, name: 'bench' });
		const code = testId(await r.text(), 'pair-code');
		if (!code) throw new Error('no pairing code on /admin/devices');
		await page.locator('#pair-code').fill(code);
		await page.locator('.pair button[type=submit]').click();
		await page.locator('.link[data-state="online"]').waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1000);
		await context.close();
		return {
			first: { page: firstDone, worker: workerFirst },
			paired: { page: first.slice(firstDone.length), worker: worker - workerFirst }
		};
	} finally {
		await closeBrowser(true);
		await stopApp(true);
		await cleanDir(true);
	}
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export function fieldWireReport(r: FieldWireResult): string {
	const first = sum(r.first.page, 'transferred') + r.first.worker;
	const paired = sum(r.paired.page, 'transferred') + r.paired.worker;
	const largest = (list: Transfer[]) =>
		[...list]
			.sort((a, b) => b.transferred - a.transferred)
			.slice(0, 3)
			.map((t) => `${new URL(t.url).pathname.slice(0, 48)} ${kb(t.transferred)}`)
			.join('; ');
	return [
		`/field over the wire, a new phone at 360×800 (budget: first load at most ${kb(FIELD_BUDGET_BYTES)}):`,
		`  first load (pairing screen, shell kept offline): ${first.toLocaleString('en')} B ` +
			`(${r.first.page.length} responses ${sum(r.first.page, 'transferred').toLocaleString('en')} B, ` +
			`the service worker's own fetches ${r.first.worker.toLocaleString('en')} B; ` +
			`${sum(r.first.page, 'decoded').toLocaleString('en')} B decoded)  ` +
			(first <= FIELD_BUDGET_BYTES ? 'ok' : 'MISSED'),
		`  largest: ${largest(r.first.page)}`,
		`  pairing and the first connection add ${paired.toLocaleString('en')} B ` +
			`(the page ${sum(r.paired.page, 'transferred').toLocaleString('en')} B, the service ` +
			`worker's fetches for it ${r.paired.worker.toLocaleString('en')} B, the MQTT client among them); ` +
			`in all ${(first + paired).toLocaleString('en')} B`
	].join('\n');
}
