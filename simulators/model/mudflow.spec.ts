import area from '@turf/area';
import { describe, expect, it } from 'vitest';
import { runMudflow } from './mudflow';
import { laharzArea } from './laharz';
import { cellLonLat, gridDem, rowSpan } from './testgrid';
import type { MudflowParams } from './types';

const tan = (deg: number) => Math.tan((deg * Math.PI) / 180);

// A 20° plane falling south from row 0 to row 60, then flat ground at 0 m; 10 m cells.
const SLOPE_END = 60;
const plane = gridDem(41, 200, (_c, row) => Math.max(0, SLOPE_END - row) * 10 * tan(20));
const RELEASE_ROW = 5;

// A straight V-shaped channel falling south at 30 %, its sides rising 0.5 m per m.
const channel = gridDem(
	61,
	400,
	(col, row) => (400 - row) * 10 * 0.3 + Math.abs(col - 30) * 10 * 0.5
);

const onPlane = (over: Partial<MudflowParams> = {}): MudflowParams => ({
	...cellLonLat(plane, 20, RELEASE_ROW),
	volumeM3: 1e8, // a LAHARZ area larger than the grid: only the energy line stops the flow
	durationSec: 600,
	frameSec: 10,
	phiDeg: 11,
	vMaxMps: 1000, // no speed cap: the energy line alone
	...over
});

describe('runMudflow (Flow-R path, LAHARZ area)', () => {
	it('goes downhill and stops on the flat where the energy-line angle says, within one cell', async () => {
		for (const phiDeg of [11, 8]) {
			const frames = await runMudflow(plane, onPlane({ phiDeg }));
			const final = rowSpan(plane, frames.at(-1)!.geometry);
			// Energy line from the release: it meets flat ground H / tan φ away (horizontally).
			const h = (SLOPE_END - RELEASE_ROW) * 10 * tan(20);
			const expected = RELEASE_ROW + h / (10 * tan(phiDeg));
			expect(final.last).toBeGreaterThanOrEqual(SLOPE_END); // it reaches the flat ...
			expect(Math.abs(final.last + 1 - expected)).toBeLessThanOrEqual(1); // ... and stops there
			expect(final.first).toBe(RELEASE_ROW); // nothing upslope of the release
			// The front only moves downhill, and once stopped the extent no longer changes.
			const fronts = frames.map((f) => rowSpan(plane, f.geometry).last);
			for (let k = 1; k < fronts.length; k++)
				expect(fronts[k]).toBeGreaterThanOrEqual(fronts[k - 1]);
			expect(frames.at(-2)!.areaM2).toBe(frames.at(-1)!.areaM2);
		}
	});

	it('a smaller speed cap makes a shorter run-out', async () => {
		const free = rowSpan(plane, (await runMudflow(plane, onPlane())).at(-1)!.geometry).last;
		const capped = rowSpan(
			plane,
			(await runMudflow(plane, onPlane({ vMaxMps: 10 }))).at(-1)!.geometry
		).last;
		// Capped at 10 m/s the flow leaves the slope with v²/2g ≈ 5.1 m of energy height: 5.1 / tan 11° ≈ 26 m.
		expect(capped).toBeLessThan(free);
		expect(capped).toBeGreaterThanOrEqual(SLOPE_END);
		expect(capped).toBeLessThanOrEqual(SLOPE_END + 4);
	});

	it('inundates the LAHARZ planimetric area B = 20·V^(2/3) within 10 %, and conserves the volume', async () => {
		for (const volumeM3 of [20_000, 50_000]) {
			const frames = await runMudflow(channel, {
				...cellLonLat(channel, 30, 3),
				volumeM3,
				durationSec: 300,
				frameSec: 5
			});
			const final = frames.at(-1)!;
			const b = laharzArea(volumeM3);
			expect(b).toBeCloseTo(20 * Math.pow(volumeM3, 2 / 3), 6);
			expect(Math.abs(final.areaM2 - b) / b).toBeLessThan(0.1);
			// The polygons cover that area too (cells are 10 m; lon/lat spacing matches near 37.9 N).
			expect(Math.abs(area(final.geometry) - b) / b).toBeLessThan(0.1);
			expect(Math.abs(final.volumeM3 - volumeM3) / volumeM3).toBeLessThan(1e-6);
			expect(final.meanDepthM * final.areaM2).toBeCloseTo(final.volumeM3, 0);
			for (let k = 1; k < frames.length; k++)
				expect(frames[k].volumeM3).toBeGreaterThanOrEqual(frames[k - 1].volumeM3);
			expect(Math.max(...frames.map((f) => f.volumeM3))).toBeLessThanOrEqual(volumeM3 * (1 + 1e-6));
			// Depth bands nest: each deeper band covers less.
			const areas = final.bands.map((b) => area(b.geometry));
			for (let k = 1; k < areas.length; k++) expect(areas[k]).toBeLessThanOrEqual(areas[k - 1]);
			expect(final.bands[0].minDepthM).toBe(0.1);
		}
	});

	it('advances at the flow speed: frames every frameSec, the front later for a slower flow', async () => {
		const run = (vMaxMps: number) =>
			runMudflow(channel, {
				...cellLonLat(channel, 30, 3),
				volumeM3: 50_000,
				durationSec: 120,
				frameSec: 10,
				vMaxMps
			});
		const fast = await run(15);
		const slow = await run(3);
		expect(fast.map((f) => f.tSec)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
		const reachedAll = (frames: typeof fast) =>
			frames.find((f) => f.areaM2 === frames.at(-1)!.areaM2)!.tSec;
		expect(reachedAll(slow)).toBeGreaterThan(reachedAll(fast));
		expect(fast[0].areaM2).toBeLessThan(fast.at(-1)!.areaM2);
	});

	it('grows with the volume released so far when the release lasts, and keeps what it laid down', async () => {
		const volumeM3 = 50_000;
		const frames = await runMudflow(channel, {
			...cellLonLat(channel, 30, 3),
			volumeM3,
			durationSec: 400,
			frameSec: 10,
			releaseSec: 200
		});
		expect(frames[0].areaM2).toBe(0); // nothing has come down yet
		for (let k = 1; k < frames.length; k++) {
			expect(frames[k].areaM2).toBeGreaterThanOrEqual(frames[k - 1].areaM2);
			expect(frames[k].volumeM3).toBeGreaterThanOrEqual(frames[k - 1].volumeM3 * (1 - 1e-6));
		}
		// Halfway through the release: the LAHARZ area of half the volume; at the end, of all of it.
		const half = frames.find((f) => f.tSec === 100)!;
		const bHalf = laharzArea(volumeM3 / 2);
		expect(Math.abs(half.areaM2 - bHalf) / bHalf).toBeLessThan(0.1);
		expect(Math.abs(half.volumeM3 - volumeM3 / 2) / volumeM3).toBeLessThan(0.02);
		const final = frames.at(-1)!;
		const b = laharzArea(volumeM3);
		expect(Math.abs(final.areaM2 - b) / b).toBeLessThan(0.1);
		expect(Math.abs(final.volumeM3 - volumeM3) / volumeM3).toBeLessThan(0.02);
		// It grew through the release, not in one step.
		const growing = frames.filter((f, k) => k > 0 && f.areaM2 > frames[k - 1].areaM2);
		expect(growing.length).toBeGreaterThan(5);
	});

	it('goes on down the steepest descent past the energy line until LAHARZ B is used', async () => {
		// A V-shaped channel at 5 %: gentler than tan 11°, so Flow-R stops the flow at once.
		const gentle = gridDem(
			61,
			600,
			(col, row) => (600 - row) * 10 * 0.05 + Math.abs(col - 30) * 10 * 0.5
		);
		const volumeM3 = 20_000;
		const frames = await runMudflow(gentle, {
			...cellLonLat(gentle, 30, 3),
			volumeM3,
			durationSec: 3600,
			frameSec: 60
		});
		const final = frames.at(-1)!;
		const b = laharzArea(volumeM3);
		expect(Math.abs(final.areaM2 - b) / b).toBeLessThan(0.1);
		const span = rowSpan(gentle, final.geometry);
		expect(span.first).toBe(3); // nothing upslope of the release
		expect(span.last).toBeGreaterThan(30); // well down the channel, not piled at the release
		expect(final.maxDepthM).toBeLessThan(20);
		// Past Flow-R's reach the front creeps: it takes minutes, not seconds, to get there.
		expect(frames.find((f) => f.tSec === 60)!.areaM2).toBeLessThan(final.areaM2);
	});

	it('gives the same extents for the same inputs, and reports progress up to 1', async () => {
		const params = {
			...cellLonLat(channel, 30, 3),
			volumeM3: 30_000,
			durationSec: 200,
			frameSec: 10
		};
		const seen: number[] = [];
		const a = await runMudflow(channel, params, (f) => seen.push(f));
		const b = await runMudflow(channel, params);
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(seen.at(-1)).toBe(1);
		for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
	});

	it('rejects a release outside the terrain or a bad parameter, naming it', async () => {
		await expect(
			runMudflow(channel, {
				releaseLon: 10,
				releaseLat: 10,
				volumeM3: 1,
				durationSec: 1,
				frameSec: 1
			})
		).rejects.toThrow(/outside the terrain/);
		await expect(
			runMudflow(channel, {
				...cellLonLat(channel, 30, 3),
				volumeM3: -5,
				durationSec: 1,
				frameSec: 1
			})
		).rejects.toThrow(/volumeM3/);
		await expect(
			runMudflow(channel, {
				...cellLonLat(channel, 30, 3),
				volumeM3: 5,
				durationSec: 10,
				frameSec: 0
			})
		).rejects.toThrow(/frameSec/);
	});
});
