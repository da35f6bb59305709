// The wall under load: headless Chromium shows /wall with 10,000 teams, 5,000 incidents and 2,000
// resources, then applies 10,000 live updates one at a time (one in six a resource's). Reports
// main-thread time per update (p50, p95) and the heap after all updates against after the first
// 100. Method: docs/benchmarks.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCIDENT_TYPES, TEAM_STATUSES } from '../src/lib/contracts';
import { REQUEST_STATUSES, RESOURCE_STATUSES } from '../src/lib/contracts/resources';
import { KULOB_DISTRICT_BBOX } from '../src/lib/live/settings';
import { startApp } from '../tests/helpers/app';
import { launch } from '../tests/helpers/browser';
import { displayState } from '../tests/helpers/principals';
import { freePort } from '../tests/helpers/ports';
import { schedDelta, schedSample, type SchedDelta } from './sched';
import { note, onCleanup, percentile } from './util';

export interface WallOptions {
	teams: number;
	incidents: number;
	updates: number;
	/** Resources beside the teams (0: teams only); one update in six is then a resource's. */
	resources: number;
}

export interface WallResult extends WallOptions {
	p50: number;
	p95: number;
	max: number;
	heapAtFirstMb: number;
	heapAtEndMb: number;
	heapAt: number;
	/** deck.gl's own layer update after one update (it runs at the next frame, not in setProps). */
	layersP50: number;
	layersP95: number;
	layerUpdates: number;
	teamsShown: number;
	incidentsShown: number;
	resourcesShown: number;
	/** Of the measured updates, those of a resource (the rest move a team), and their p50 and p95. */
	resourceUpdates: number;
	resourceP50: number;
	resourceP95: number;
	/** The page's main thread over the run (snapshot, updates, frames): on a CPU and waiting for one. */
	sched: SchedDelta | null;
}

/** Updates after the measured ones, each followed by deck.gl's layer update, timed alone. */
const LAYER_UPDATES = 500;

const PAGE_SRC = readFileSync(join(import.meta.dirname, 'wall-page.js'), 'utf8');

export async function wallRun(entry: string, o: WallOptions): Promise<WallResult> {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-wall-'));
	const cleanDir = onCleanup('the wall bench database', async () =>
		rmSync(dir, { recursive: true, force: true })
	);
	const app = await startApp(
		{
			PGLITE_DIR: dir,
			MQTT_PORT: String(await freePort()),
			MQTT_WS_PORT: String(await freePort()),
			EOC_SEED: 'none',
			EOC_DEMO_FEED: 'off'
		},
		{ entry }
	);
	const stopApp = onCleanup('the wall bench app', async () => void (await app.kill('SIGTERM')));
	const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
	const closeBrowser = onCleanup('the wall bench browser', () => browser.close());
	try {
		const page = await browser.newPage({
			viewport: { width: 1920, height: 1080 },
			storageState: displayState(app)
		});
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${app.url}${process.env.BENCH_WALL_PATH ?? '/wall'}?test`);
		await page.waitForSelector('[data-testid="connection"][data-state="live"]', {
			timeout: 60_000
		});
		await page.waitForTimeout(1500); // the map and its fonts settle
		note(
			`wall: ${o.teams} teams, ${o.incidents} incidents, ${o.resources} resources, ${o.updates} updates`
		);
		const heapAt = Math.min(100, o.updates);
		// BENCH_WALL_PROFILE=FILE: a CPU profile of the page while it applies the updates
		// (summarise: npx tsx bench/profile.ts FILE).
		const profileTo = process.env.BENCH_WALL_PROFILE;
		const cdp = profileTo ? await page.context().newCDPSession(page) : null;
		if (cdp) {
			await cdp.send('Profiler.enable');
			// Finer than the default 1 ms: most updates take less than that.
			const us = Number(process.env.BENCH_WALL_PROFILE_US ?? 200);
			await cdp.send('Profiler.setSamplingInterval', { interval: us });
			await cdp.send('Profiler.start');
		}
		const schedBefore = await schedSample(browser);
		const r = (await page.evaluate(
			`(${PAGE_SRC.slice(PAGE_SRC.indexOf('async function'))})(${JSON.stringify({
				...o,
				heapAt,
				layerUpdates: Math.min(LAYER_UPDATES, o.updates),
				seed: 7,
				types: INCIDENT_TYPES,
				statuses: TEAM_STATUSES,
				resourceStatuses: RESOURCE_STATUSES,
				requestStatuses: REQUEST_STATUSES,
				bbox: KULOB_DISTRICT_BBOX
			})})`
		)) as {
			times: number[];
			starts: number[];
			mark: [number, number];
			heapAtFirst: number;
			heapAtEnd: number;
			layerTimes: number[];
			teamsShown: number;
			incidentsShown: number;
			resourcesShown: number;
			resourceUpdates: number;
			resourceTimes: number[];
		};
		const sched = schedDelta(schedBefore, await schedSample(browser));
		if (cdp && profileTo) {
			const { profile } = await cdp.send('Profiler.stop');
			writeFileSync(profileTo, JSON.stringify(profile));
			// Each update's start and duration on the page's clock, and the clock mark that lines
			// that clock up with the profile's (npx tsx bench/profile.ts FILE --windows FILE.windows.json).
			const windows = { mark: r.mark, starts: r.starts, times: r.times };
			writeFileSync(`${profileTo}.windows.json`, JSON.stringify(windows));
			note(`wall: CPU profile written to ${profileTo} (update windows: ${profileTo}.windows.json)`);
		}
		if (errors.length) throw new Error(`the wall page failed: ${errors.join('; ')}`);
		const sorted = [...r.times].sort((a, b) => a - b);
		const layers = [...r.layerTimes].sort((a, b) => a - b);
		const ofResources = [...r.resourceTimes].sort((a, b) => a - b);
		return {
			...o,
			p50: percentile(sorted, 50),
			p95: percentile(sorted, 95),
			max: sorted.at(-1) ?? NaN,
			heapAt,
			layersP50: percentile(layers, 50),
			layersP95: percentile(layers, 95),
			layerUpdates: layers.length,
			heapAtFirstMb: r.heapAtFirst / 2 ** 20,
			heapAtEndMb: r.heapAtEnd / 2 ** 20,
			teamsShown: r.teamsShown,
			incidentsShown: r.incidentsShown,
			resourcesShown: r.resourcesShown,
			resourceUpdates: r.resourceUpdates,
			resourceP50: percentile(ofResources, 50),
			resourceP95: percentile(ofResources, 95),
			sched
		};
	} finally {
		await closeBrowser(true);
		await stopApp(true);
		await cleanDir(true);
	}
}

export function wallReport(r: WallResult): string {
	const growth = r.heapAtEndMb / r.heapAtFirstMb - 1;
	const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
	return [
		`Wall under load (targets: p95 < 16 ms per update, heap growth < 10 %):`,
		`  ${r.teamsShown.toLocaleString('en')} teams, ${r.incidentsShown.toLocaleString('en')} incidents and ${r.resourcesShown.toLocaleString('en')} resources on screen, ${r.updates.toLocaleString('en')} updates applied one at a time (${(r.updates - r.resourceUpdates).toLocaleString('en')} of a team, ${r.resourceUpdates.toLocaleString('en')} of a resource)`,
		`  main-thread time per update: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, max ${r.max.toFixed(1)} ms  ${ok(r.p95 < 16)}`,
		...(r.resourceUpdates
			? [
					`  of which a resource's update: p50 ${r.resourceP50.toFixed(2)} ms, p95 ${r.resourceP95.toFixed(2)} ms`
				]
			: []),
		...(r.layerUpdates
			? [
					`  deck.gl's layer update at the next frame (not in the figure above; after each of ${r.layerUpdates} more updates): p50 ${r.layersP50.toFixed(2)} ms, p95 ${r.layersP95.toFixed(2)} ms`
				]
			: []),
		...(r.sched
			? [
					`  the page's main thread during the run: ${r.sched.onCpuS.toFixed(1)} s on a CPU, ${r.sched.waitingS.toFixed(1)} s runnable but waiting for one (${((100 * r.sched.waitingS) / (r.sched.onCpuS + r.sched.waitingS)).toFixed(0)} %)`
				]
			: []),
		`  heap after ${r.heapAt} updates ${r.heapAtFirstMb.toFixed(1)} MB, after ${r.updates.toLocaleString('en')} ${r.heapAtEndMb.toFixed(1)} MB: ratio ${(r.heapAtEndMb / r.heapAtFirstMb).toFixed(3)} (growth ${(growth * 100).toFixed(1)} %)  ${ok(growth < 0.1)}`
	].join('\n');
}
