import { describe, expect, it } from 'vitest';
import { parseFieldReport } from './field-report';

describe('the compact field report syntax (docs/interop.md)', () => {
	it('reads type, severity, an optional place and the title', () => {
		expect(parseFieldReport('RPT mudflow 4 37.9142,69.7721 Mud across the road')).toEqual({
			ok: true,
			report: {
				type: 'mudflow',
				severity: 4,
				lat: 37.9142,
				lon: 69.7721,
				title: 'Mud across the road'
			}
		});
		expect(parseFieldReport('rpt road-blocked 3 Bridge at Sari Khosor closed')).toEqual({
			ok: true,
			report: { type: 'road_blocked', severity: 3, title: 'Bridge at Sari Khosor closed' }
		});
		expect(parseFieldReport('RPT flood 2 0,0 Test at null island')).toMatchObject({
			ok: true,
			report: { lat: 0, lon: 0 }
		});
	});

	it('is not a report without the prefix', () => {
		expect(parseFieldReport('Road clear to Dangara')).toBeNull();
		expect(parseFieldReport('RPTS are late')).toBeNull();
	});

	it.each([
		['RPT', 'unknown type'],
		['RPT lava 3 hot', 'unknown type'],
		['RPT fire 6 big', 'severity'],
		['RPT fire 2.5 big', 'severity'],
		['RPT fire 3 95,10 big', 'place outside'],
		['RPT fire 3 37.9,69.7', 'title'],
		[`RPT fire 3 ${'x'.repeat(201)}`, '200']
	])('says why "%s" is not a report', (text, why) => {
		const r = parseFieldReport(text);
		expect(r?.ok).toBe(false);
		expect(r && !r.ok ? r.problem : '').toContain(why);
	});
});
