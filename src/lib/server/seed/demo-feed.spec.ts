import { describe, expect, it } from 'vitest';
import { demoPosition } from './demo-feed';

describe('demoPosition', () => {
	const team = { id: 'a', lat: 37.91, lon: 69.78, status: 'en_route' };
	it('stays on a loop of the stated radius around the base', () => {
		for (const t of [0, 60_000, 123_456, 3_600_000]) {
			const p = demoPosition(team, 0, t);
			const dy = (p.lat - team.lat) * 111_320;
			const dx = (p.lon - team.lon) * 111_320 * Math.cos((team.lat * Math.PI) / 180);
			expect(Math.hypot(dx, dy)).toBeCloseTo(900, 0);
			expect(p.headingDeg).toBeGreaterThanOrEqual(0);
			expect(p.headingDeg).toBeLessThan(360);
		}
	});
	it('moves over time at a plausible speed', () => {
		const a = demoPosition(team, 0, 0);
		const b = demoPosition(team, 0, 5_000);
		expect(a.lat).not.toBe(b.lat);
		expect(a.speedMps).toBeGreaterThan(5);
		expect(a.speedMps).toBeLessThan(20);
	});
});
