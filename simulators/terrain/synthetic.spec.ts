import { describe, expect, it } from 'vitest';
import { runMudflow } from '../model/mudflow';
import { KULOB_TEBALAY_RELEASE, kulobElevation, kulobLonLat, syntheticKulob } from './synthetic';

describe('syntheticKulob', () => {
	const dem = syntheticKulob();

	it('is labelled synthetic and lies inside Kulob District, around the town', () => {
		expect(dem.source).toBe('synthetic terrain');
		expect(dem.synthetic).toBe(true);
		expect(dem.z.length).toBe(dem.width * dem.height);
		expect(dem.cellSizeM).toBe(30);
		const east = dem.west + dem.width * dem.dLon;
		const south = dem.north - dem.height * dem.dLat;
		expect(dem.west).toBeGreaterThanOrEqual(69.694);
		expect(east).toBeLessThanOrEqual(69.93);
		expect(south).toBeGreaterThanOrEqual(37.816);
		expect(dem.north).toBeLessThanOrEqual(38.137);
		expect(dem.west < 69.78 && 69.78 < east && south < 37.91 && 37.91 < dem.north).toBe(true);
		// Cells of ~30 m on the ground both ways.
		expect(dem.dLat * 111_320).toBeCloseTo(30, 3);
		expect(dem.dLon * 111_320 * Math.cos((37.91 * Math.PI) / 180)).toBeCloseTo(30, 3);
	});

	it('has the valley floor near 580 m in the town and hills rising to the north and east', () => {
		expect(Math.abs(kulobElevation(0, 0) - 580)).toBeLessThan(15);
		expect(kulobElevation(0, 8000)).toBeGreaterThan(kulobElevation(0, 0) + 300);
		expect(kulobElevation(8000, 0)).toBeGreaterThan(kulobElevation(0, 0) + 300);
		expect(kulobElevation(0, -5000)).toBeLessThan(kulobElevation(0, 0) + 20);
		const finite = dem.z.every((v) => Number.isFinite(v) && v > 500 && v < 2000);
		expect(finite).toBe(true);
	});

	it('has the Tebalay valley falling from the release point into the town', () => {
		const [lon] = kulobLonLat(0, 0);
		expect(lon).toBeCloseTo(69.78, 6);
		const path: [number, number][] = [
			[2600, 3000],
			[2000, 2250],
			[1400, 1500],
			[300, 300],
			[-300, -250]
		];
		const beds = path.map(([x, y]) => kulobElevation(x, y));
		for (let k = 1; k < beds.length; k++) expect(beds[k]).toBeLessThan(beds[k - 1]);
		// A valley: its bed lies below the ground on either side.
		expect(kulobElevation(2600 + 300, 3000 - 300)).toBeGreaterThan(beds[0]);
		expect(kulobElevation(2600 - 300, 3000 + 300)).toBeGreaterThan(beds[0]);
	});

	it('is the same every time, and a mudflow released in the Tebalay runs down towards the town', async () => {
		expect(syntheticKulob({ width: 50, height: 40 }).z).toEqual(
			syntheticKulob({ width: 50, height: 40 }).z
		);
		const frames = await runMudflow(dem, {
			...KULOB_TEBALAY_RELEASE,
			volumeM3: 100_000,
			durationSec: 600,
			frameSec: 60,
			phiDeg: 4,
			vMaxMps: 12
		});
		const lats = frames
			.at(-1)!
			.geometry.coordinates.flat(2)
			.map((p) => p[1]);
		// South-west from the release, towards the town centre (37.91 N, 69.78 E).
		expect(Math.min(...lats)).toBeLessThan(KULOB_TEBALAY_RELEASE.releaseLat - 0.001);
		expect(frames.at(-1)!.areaM2).toBeGreaterThan(frames[0].areaM2);
	});
});
