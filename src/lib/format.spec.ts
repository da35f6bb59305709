import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatCount, formatLatLon, parseTs } from './format';

describe('format', () => {
	it('ages', () => {
		expect([5e3, 45e3, 3 * 60e3, 125 * 60e3, 72 * 3600e3].map(formatAge)).toEqual([
			'now',
			'45 s',
			'3 min',
			'2 h 05',
			'3 d'
		]);
		expect(formatAge(Number.NaN)).toBe('—');
	});

	it('clocks in Asia/Dushanbe (UTC+5, no DST) and UTC', () => {
		const at = Date.parse('2025-05-07T09:32:05Z');
		expect(formatClock(at, 'Asia/Dushanbe', true)).toBe('14:32:05');
		expect(formatClock(at, 'UTC')).toBe('09:32');
	});

	it('positions, counts and timestamps', () => {
		expect(formatLatLon(37.91234, 69.781149)).toBe('37.9123, 69.7811');
		expect(formatCount(1514)).toBe('1,514');
		expect(parseTs('nonsense')).toBeNull();
		expect(parseTs(null)).toBeNull();
	});
});
