import { describe, expect, it } from 'vitest';
import {
	compassPoint,
	distanceAndBearing,
	JUMP_M,
	MIN_GAP_S,
	MOVING_S,
	OFFLINE_SLOWER,
	shouldReport,
	STILL_S
} from './geo';

describe('distance and bearing to the tasked incident', () => {
	it('measures Kulob to Vose: about 18 km to the south-west', () => {
		const kulob = { lat: 37.9115, lon: 69.7846 };
		const vose = { lat: 37.8, lon: 69.644 };
		const { metres, degrees } = distanceAndBearing(kulob, vose);
		expect(metres).toBeGreaterThan(17_000);
		expect(metres).toBeLessThan(18_500);
		expect(compassPoint(degrees)).toBe('SW');
	});

	it('names the compass point of every bearing', () => {
		expect(compassPoint(0)).toBe('N');
		expect(compassPoint(359)).toBe('N');
		expect(compassPoint(90)).toBe('E');
		expect(compassPoint(200)).toBe('S');
		expect(compassPoint(-90)).toBe('W');
	});
});

describe('how often the position goes', () => {
	it('reports the first fix, then a big move at once', () => {
		expect(shouldReport({ sinceLastS: Infinity, movedM: Infinity })).toBe(true);
		expect(shouldReport({ sinceLastS: 12, movedM: JUMP_M })).toBe(true);
		expect(shouldReport({ sinceLastS: 5, movedM: 5_000 })).toBe(false);
	});

	it('every 30 s when moving and every 2 minutes when still', () => {
		expect(shouldReport({ sinceLastS: MOVING_S, movedM: 40, speedMps: 2 })).toBe(true);
		expect(shouldReport({ sinceLastS: MOVING_S - 1, movedM: 40, speedMps: 2 })).toBe(false);
		expect(shouldReport({ sinceLastS: MOVING_S, movedM: 2, speedMps: 0 })).toBe(false);
		expect(shouldReport({ sinceLastS: STILL_S, movedM: 2, speedMps: 0 })).toBe(true);
	});

	it('five times slower while the EOC cannot be reached', () => {
		const still = { sinceLastS: STILL_S, movedM: 2, offline: true };
		expect(shouldReport(still)).toBe(false);
		expect(shouldReport({ ...still, sinceLastS: STILL_S * OFFLINE_SLOWER })).toBe(true);
		expect(shouldReport({ sinceLastS: MIN_GAP_S * 2, movedM: JUMP_M, offline: true })).toBe(false);
	});

	it('three times slower on a low battery, unless charging', () => {
		const still = { sinceLastS: STILL_S, movedM: 2, batteryPct: 15 };
		expect(shouldReport(still)).toBe(false);
		expect(shouldReport({ ...still, charging: true })).toBe(true);
		expect(shouldReport({ ...still, sinceLastS: STILL_S * 3 })).toBe(true);
	});
});
