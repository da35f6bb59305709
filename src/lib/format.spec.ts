import { describe, expect, it } from 'vitest';
import {
	ageParts,
	formatClock,
	formatClockPair,
	formatDateTime,
	formatLatLon,
	parseTs
} from './format';
import { ageWord } from './i18n/words';

describe('format', () => {
	it('ages (in English, the base locale)', () => {
		expect([5e3, 45e3, 3 * 60e3, 125 * 60e3, 72 * 3600e3].map(ageWord)).toEqual([
			'now',
			'45 s',
			'3 min',
			'2 h 05',
			'3 d'
		]);
		expect(ageWord(Number.NaN)).toBe('—');
	});

	it('splits ages for other languages, minutes zero-padded under an hour', () => {
		expect(ageParts(3_725_000)).toEqual({ unit: 'h', n: 1, mm: '02' });
		expect(ageParts(-5_000)).toEqual({ unit: 'now' });
		expect(ageParts(Number.POSITIVE_INFINITY)).toEqual({ unit: 'none' });
	});

	it('clocks in Asia/Dushanbe (UTC+5, no DST) and UTC', () => {
		const at = Date.parse('2025-05-07T09:32:05Z');
		expect(formatClock(at, 'Asia/Dushanbe', true)).toBe('14:32:05');
		expect(formatClock(at, 'UTC')).toBe('09:32');
	});

	it('positions, counts and timestamps', () => {
		expect(formatLatLon(37.91234, 69.781149)).toBe('37.9123, 69.7811');
		expect(parseTs('nonsense')).toBeNull();
		expect(parseTs(null)).toBeNull();
	});
});

describe('formatClockPair', () => {
	it('is the time in Dushanbe with UTC beside it', () => {
		expect(formatClockPair(Date.UTC(2026, 10, 30, 9, 2))).toBe('14:02 (09:02 UTC)');
	});
});

describe('formatDateTime', () => {
	it('gives the Dushanbe date and time with UTC beside it, across midnight', () => {
		expect(formatDateTime(Date.UTC(2026, 10, 30, 14, 32))).toBe('2026-11-30 19:32 (14:32 UTC)');
		expect(formatDateTime(new Date(Date.UTC(2026, 11, 31, 20, 5)))).toBe(
			'2027-01-01 01:05 (20:05 UTC)'
		);
	});
});
