import { describe, expect, it } from 'vitest';
import { declutter, labelBox, worldPx, type LabelCandidate } from './declutter';

describe('worldPx', () => {
	it('puts 0,0 in the middle of the world and doubles per zoom level', () => {
		expect(worldPx(0, 0, 0)).toEqual([256, 256]);
		const [x10, y10] = worldPx(69.78, 37.91, 10);
		const [x11, y11] = worldPx(69.78, 37.91, 11);
		expect(x11).toBeCloseTo(2 * x10, 6);
		expect(y11).toBeCloseTo(2 * y10, 6);
	});
});

const label = (lon: number, lat: number, text: string): LabelCandidate => ({
	lon,
	lat,
	text,
	size: 18,
	offset: [15, 0],
	anchor: 'start'
});

describe('labelBox', () => {
	it('starts right of the point, ends left of it, or is centred on it', () => {
		const start = labelBox(label(0, 0, 'abcd'), 0);
		const end = labelBox(label(0, 0, 'abcd'), 0, { offset: [-15, 0], anchor: 'end' });
		const middle = labelBox({ ...label(0, 0, 'abcd'), anchor: 'middle', offset: [0, 30] }, 0);
		expect(start[0]).toBeCloseTo(256 + 15 - 2, 6);
		expect(end[2]).toBeCloseTo(256 - 15 + 2, 6);
		expect((middle[0] + middle[2]) / 2).toBeCloseTo(256, 6);
		expect((middle[1] + middle[3]) / 2).toBeCloseTo(256 + 30, 6);
	});
});

describe('declutter', () => {
	const a = label(69.78, 37.91, 'KR-2 · 1 min');
	const near = label(69.7801, 37.9101, 'KR-3 · 2 min');
	const far = label(69.85, 38.0, 'EX-1 · 3 min');

	it('keeps the first of two overlapping labels and any that do not overlap', () => {
		const kept = declutter([a, near, far], 11);
		expect([kept.has(a), kept.has(near), kept.has(far)]).toEqual([true, false, true]);
	});

	it('tries the alternatives when the preferred placement is taken', () => {
		const left = { offset: [-15, 0], anchor: 'end' } as const;
		const flexible = { ...near, alternatives: [left] };
		const kept = declutter([a, flexible], 11);
		expect(kept.get(a)).toEqual({ offset: [15, 0], anchor: 'start' });
		expect(kept.get(flexible)?.anchor).toBe('end');
	});

	it('does not cover another symbol, but may sit beside its own', () => {
		const other = { lon: far.lon + 0.0005, lat: far.lat, radius: 10 };
		expect(declutter([far], 14, [other]).size).toBe(0);
		expect(declutter([far], 14, [{ lon: far.lon, lat: far.lat, radius: 10 }]).size).toBe(1);
	});

	it('keeps both once zoomed in far enough to separate them', () => {
		expect(declutter([a, near], 19).size).toBe(2);
	});
});

describe('declutter at scale', () => {
	it('places labels among 10,000 teams and 5,000 incidents, keeping some and dropping others, the same way twice (speed: npm run bench)', () => {
		const items = Array.from({ length: 10_000 }, (_, i) => ({
			lon: 69.6 + (i % 100) * 0.004,
			lat: 37.8 + Math.floor(i / 100) * 0.003,
			text: `T-${i} · 3 min`,
			size: 20,
			offset: [20, 0] as const,
			anchor: 'start' as const
		}));
		const obstacles = Array.from({ length: 15_000 }, (_, i) => ({
			lon: 69.6 + (i % 120) * 0.0033,
			lat: 37.8 + Math.floor(i / 120) * 0.0024,
			radius: 15
		}));
		const kept = declutter(items, 11, obstacles);
		expect(kept.size).toBeGreaterThan(0);
		expect(kept.size).toBeLessThan(items.length);
		// Same answer on a second run: placement depends on the input only. Its speed is measured
		// by the wall bench (timing thresholds do not belong in tests on a shared machine).
		expect(declutter(items, 11, obstacles)).toEqual(kept);
	});
});
