import { join } from 'node:path';
import pointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { mudflowParams } from '../../engine/hazards';
import { runMudflow } from '../../model/mudflow';
import { loadScenarioFile } from '../../scenario/validate';
import { kulobElevation, syntheticKulob } from '../../terrain/synthetic';
import type { ExtentFrame } from '../../model/types';

const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((37.91 * Math.PI) / 180);
/** Metres east and north of Kulob's centre (37.91 N, 69.78 E). */
const local = ([lon, lat]: GeoJSON.Position) => [
	(lon - 69.78) * M_PER_DEG_LON,
	(lat - 37.91) * M_PER_DEG_LAT
];

describe('the Kulob drill mudflow on the synthetic terrain', async () => {
	const loaded = await loadScenarioFile(join(import.meta.dirname, 'scenario.json'));
	if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
	const { scenario } = loaded;
	const h = scenario.hazards[0];
	const frames = await runMudflow(syntheticKulob(), mudflowParams(h));
	const at = (min: number) => frames.find((f) => f.tSec === min * 60)!;

	it('grows over the town for the whole release, not in one step', () => {
		expect(h.releaseSec).toBeGreaterThanOrEqual(1800);
		const areas = [5, 10, 20, 30, h.releaseSec / 60].map((min) => at(min).areaM2);
		for (let k = 1; k < areas.length; k++) expect(areas[k]).toBeGreaterThan(areas[k - 1]);
		expect(areas.at(-1)!).toBeGreaterThan(5 * areas[0]);
		// Every point of it lies in the town, on the valley floor, not in the hills.
		const points = frames.at(-1)!.geometry.coordinates.flat(2).map(local);
		for (const [x, y] of points) {
			expect(Math.hypot(x, y)).toBeLessThan(2000);
			expect(kulobElevation(x, y)).toBeLessThan(640);
		}
		expect(Math.min(...points.map(([x, y]) => Math.hypot(x, y)))).toBeLessThan(1200);
	});

	it('is under the field reports that say they are in the mud when they arrive', () => {
		const inside = (f: ExtentFrame, lon: number, lat: number) =>
			pointInPolygon([lon, lat], { type: 'Feature', properties: {}, geometry: f.geometry });
		const releaseAt = h.releaseAt;
		const inMud = scenario.injects.flatMap((inject) =>
			inject.at > releaseAt
				? inject.effects.flatMap((e) =>
						e.kind === 'report' && /mud|destroyed|trapped/i.test(e.title)
							? [{ n: inject.number, at: inject.at, lon: e.lon, lat: e.lat }]
							: []
					)
				: []
		);
		expect(inMud.length).toBeGreaterThanOrEqual(2);
		for (const r of inMud) {
			const sinceRelease = r.at - releaseAt;
			const frame = frames.findLast((f) => f.tSec <= sinceRelease)!;
			expect({ inject: r.n, inside: inside(frame, r.lon, r.lat) }).toEqual({
				inject: r.n,
				inside: true
			});
		}
	});
});
