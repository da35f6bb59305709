import { describe, expect, it } from 'vitest';
import { makeSensor } from '$lib/live/fixtures';
import { gaugeLevel, shelterLevel, sortGauges, sparkRange } from './gauges';

describe('gauges and shelters', () => {
	it('colour a reading against its thresholds, at a threshold counting as over it', () => {
		expect([100, 150, 199, 200, 250].map((v) => gaugeLevel(v, 150, 200))).toEqual([
			'normal',
			'warning',
			'warning',
			'danger',
			'danger'
		]);
		expect(gaugeLevel(null, 150, 200)).toBe('normal');
		expect(gaugeLevel(500, null, null)).toBe('normal');
		expect(gaugeLevel(210, null, 200)).toBe('danger');
	});

	it('grade a shelter by its occupied share', () => {
		expect([0, 299, 300, 379, 380, 420].map((o) => shelterLevel(o, 400))).toEqual([
			'ok',
			'ok',
			'filling',
			'filling',
			'full',
			'full'
		]);
		expect(shelterLevel(3, 0)).toBe('full');
	});
});

describe('gauge sparklines', () => {
	it('keep readings and both thresholds in view', () => {
		const [lo, hi] = sparkRange([100, 120], 150, 200);
		expect(lo).toBeLessThan(100);
		expect(hi).toBeGreaterThan(200);
		expect(hi).toBeLessThan(210);
		expect(sparkRange([], null, null)).toEqual([0, 1]);
		const [flatLo, flatHi] = sparkRange([5, 5], null, null);
		expect(flatLo).toBeLessThan(5);
		expect(flatHi).toBeGreaterThan(5);
	});

	it('list the ones over a threshold first', () => {
		const gauges = [
			makeSensor({ id: 'a', name: 'A', lastValue: 10 }),
			makeSensor({ id: 'b', name: 'B', lastValue: 210 }),
			makeSensor({ id: 'c', name: 'C', lastValue: 160 })
		];
		expect(sortGauges(gauges).map((g) => g.id)).toEqual(['b', 'c', 'a']);
	});
});
