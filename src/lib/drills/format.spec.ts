import { describe, expect, it } from 'vitest';
import { formatDuration, formatScenarioTime } from './format';

describe('formatDuration', () => {
	it('reads like a clock', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(95_000)).toBe('1:35');
		expect(formatDuration(3_725_000)).toBe('1:02:05');
		expect(formatDuration(-5)).toBe('0:00');
	});
	it('marks scenario time from the start', () => {
		expect(formatScenarioTime(600)).toBe('T+10:00');
	});
});
