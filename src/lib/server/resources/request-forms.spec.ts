import { describe, expect, it } from 'vitest';
import { dushanbeTime, newRequestSchema, problemsOf, toDushanbeInput } from './request-forms';

const NOW = Date.parse('2026-05-12T05:00:00Z');
const form = (over: Record<string, string> = {}) => ({
	kindId: 'excavator',
	quantity: '2',
	incidentId: '',
	place: 'Sari Kulob',
	lat: '',
	lon: '',
	priority: 'urgent',
	neededBy: '2026-05-12T14:30',
	requesterKind: 'district',
	district: 'Kulob',
	requester: '',
	note: '',
	...over
});
const problems = (over: Record<string, string>) => {
	const r = newRequestSchema(NOW).safeParse(form(over));
	return r.success ? {} : problemsOf(r.error).problems;
};

describe('the new request form', () => {
	it('reads needed-by as Dushanbe time (UTC+5) and stores UTC', () => {
		expect(dushanbeTime('2026-05-12T14:30')?.toISOString()).toBe('2026-05-12T09:30:00.000Z');
		expect(dushanbeTime('')).toBeNull();
		expect(dushanbeTime('12.05.2026 14:30')).toBeUndefined();
		expect(toDushanbeInput('2026-05-12T09:30:00Z')).toBe('2026-05-12T14:30');
		const r = newRequestSchema(NOW).parse(form());
		expect(r).toMatchObject({ quantity: 2, requester: 'Kulob', place: 'Sari Kulob' });
		expect(r.neededBy?.toISOString()).toBe('2026-05-12T09:30:00.000Z');
	});

	it('names the field of each problem', () => {
		expect(problems({ quantity: '0' })).toEqual({ quantity: 'req_quantity_invalid' });
		expect(problems({ neededBy: '2026-05-12T08:00' })).toEqual({ neededBy: 'req_needed_by_past' });
		expect(problems({ district: 'Atlantis' })).toEqual({ district: 'req_district_missing' });
		expect(problems({ requesterKind: 'team', requester: ' ' })).toEqual({
			requester: 'req_requester_missing'
		});
		expect(problems({ place: '' })).toEqual({ place: 'req_where_missing' });
		expect(problems({ lat: '37.9' })).toEqual({ lon: 'req_lat_lon_pair' });
		expect(problems({ place: '', lat: '37.9', lon: '69.8' })).toEqual({});
		expect(problems({ place: '', incidentId: 'i-1' })).toEqual({});
	});
});
