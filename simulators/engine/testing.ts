/**
 * Test doubles for the drill engine: a time source moved by hand (no real waiting), a small fake
 * mudflow model (a square growing from the release point, two depth bands), a recording publisher,
 * and the Kulob scenario as a fixture.
 */
import { readFileSync } from 'node:fs';
import type { ExtentFrame, MudflowModel } from '../model/types';
import { validateScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import type { TimeSource } from './clock';
import { createDrill, type Drill, type DrillOptions } from './drill';

export const KULOB_FILE = new URL('../scenarios/kulob-mudflow/scenario.json', import.meta.url);

export function kulobScenario(): Scenario {
	const result = validateScenario(JSON.parse(readFileSync(KULOB_FILE, 'utf8')));
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.scenario;
}

export class FakeTime implements TimeSource {
	timers = 0;
	constructor(public ms = Date.UTC(2026, 4, 7, 3)) {}
	now = () => this.ms;
	every() {
		this.timers++;
		return () => {
			this.timers--;
		};
	}
}

function square(lon: number, lat: number, d: number): GeoJSON.MultiPolygon {
	return {
		type: 'MultiPolygon',
		coordinates: [
			[
				[
					[lon - d, lat - d],
					[lon + d, lat - d],
					[lon + d, lat + d],
					[lon - d, lat + d],
					[lon - d, lat - d]
				]
			]
		]
	};
}

/** A square that grows for the first half of the run; the deep band empties halfway. */
export const fakeModel: MudflowModel = (_dem, p, onProgress) => {
	const frames: ExtentFrame[] = [];
	for (let t = 0; t <= p.durationSec; t += p.frameSec) {
		onProgress?.(t / p.durationSec);
		const d = 0.001 + 0.004 * Math.min(1, (2 * t) / p.durationSec);
		const deep = t < p.durationSec / 2;
		frames.push({
			tSec: t,
			geometry: square(p.releaseLon, p.releaseLat, d),
			bands: [
				{ minDepthM: 0, geometry: square(p.releaseLon, p.releaseLat, d) },
				...(deep ? [{ minDepthM: 1, geometry: square(p.releaseLon, p.releaseLat, d / 2) }] : [])
			],
			maxDepthM: deep ? 2 : 0.8,
			meanDepthM: 0.5,
			areaM2: 1,
			volumeM3: p.volumeM3
		});
	}
	return frames;
};

export interface Published {
	topic: string;
	payload: Record<string, unknown> | string;
}

/** A drill on fake time with a recording publisher. */
export function testDrill(overrides: Partial<DrillOptions> = {}) {
	const time = new FakeTime();
	const log: Published[] = [];
	const drill: Drill = createDrill({
		scenario: kulobScenario(),
		exerciseId: 'drill-test',
		seed: 42,
		speed: 60,
		model: fakeModel,
		loadTerrain: async () => ({
			width: 1,
			height: 1,
			cellSizeM: 30,
			west: 69.7,
			north: 38,
			dLon: 0.0003,
			dLat: 0.0003,
			z: new Float32Array(1),
			source: 'test',
			synthetic: true
		}),
		publish: async (topic, payload) => void log.push({ topic, payload }),
		publishText: async (topic, payload) => void log.push({ topic, payload }),
		time,
		...overrides
	});
	/** Moves the fake time by `ms` in ticks of `step` ms, ticking the drill after each. */
	const run = async (ms: number, step = 1000) => {
		for (let t = 0; t < ms; t += step) {
			time.ms += step;
			await drill.tick();
		}
	};
	return { drill, time, log, run };
}
