import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, MAX_LISTED_ROWS, parseResourceCsv, type Existing } from './import';
import type { RegisterLookup } from './register-fields';

const lookup: RegisterLookup = {
	kinds: new Map([
		['excavator', 'equipment'],
		['boat', 'equipment'],
		['tent', 'supply']
	]),
	teams: new Set(['rescue-1'])
};
const none = new Map<string, Existing>();
const HEADER = 'id,kind,name,plate,agency,home_base,capability,status,lat,lon,team';

describe('the register from a CSV file', () => {
	it('reads every good row, in any column order and with aliases', () => {
		const r = parseResourceCsv(
			'\uFEFFKind,ID,Latitude,Longitude,Name,Team_ID\r\nexcavator,e1,37.9,69.7,"Ex, one",rescue-1\r\nboat,b1,,,Boat,\r\n',
			lookup,
			none
		);
		expect(r).toMatchObject({ ok: true, updates: 0, badCount: 0, bad: [] });
		expect(r.ok && r.good.map((g) => [g.id, g.name, g.lat, g.teamId])).toEqual([
			['e1', 'Ex, one', 37.9, 'rescue-1'],
			['b1', 'Boat', null, null]
		]);
	});

	it('names each bad row by its line with every reason, and counts the good ones', () => {
		const csv = [
			HEADER,
			'e1,excavator,Ex 1,,,,,available,37.9,69.7,',
			'e2,tractor,Ex 2,,,,,available,,,',
			'e3,excavator,Ex 3,,,,,,37.9,,',
			'e4,excavator,Ex 4,,,,,broken,,,',
			'e1,excavator,Ex 1 again,,,,,,,,',
			'e5,tent,Tents,,,,,,,,'
		].join('\n');
		const r = parseResourceCsv(csv, lookup, none);
		if (!r.ok) throw new Error('refused');
		expect(r.good.map((g) => g.id)).toEqual(['e1']);
		expect(r.badCount).toBe(5);
		expect(
			r.bad.map((b) => [b.line, b.id, b.problems.map((p) => `${p.field}:${p.problem}`)])
		).toEqual([
			[3, 'e2', ['kind:reg_kind_unknown']],
			[4, 'e3', ['lon:reg_lat_lon_pair']],
			[5, 'e4', ['status:reg_status_invalid']],
			[6, 'e1', ['id:reg_id_repeated']],
			[7, 'e5', ['kind:reg_kind_supply']]
		]);
		expect(r.bad[3].problems[0].params).toEqual({ line: 2 });
	});

	it("updates an id of the register, refuses a drill's id and a status a request holds", () => {
		const existing = new Map<string, Existing>([
			['e1', { exercise: null, requestId: null, status: 'available' }],
			['d1', { exercise: 'drill-7', requestId: null, status: 'available' }],
			['a1', { exercise: null, requestId: 'req-1', status: 'assigned' }]
		]);
		const csv = [
			'id,kind,name,status',
			'e1,excavator,Ex 1,on_scene',
			'd1,excavator,Drill one,',
			'a1,excavator,Held,available',
			'a1b,excavator,New,'
		].join('\n');
		const r = parseResourceCsv(csv, lookup, existing);
		if (!r.ok) throw new Error('refused');
		expect(r.good.map((g) => g.id)).toEqual(['e1', 'a1b']);
		expect(r.updates).toBe(1);
		expect(r.bad.map((b) => b.problems[0].problem)).toEqual(['reg_id_drill', 'reg_status_held']);
		// The same status as the request's is no change: that row is good.
		const same = parseResourceCsv(
			'id,kind,name,status\na1,excavator,Held,assigned',
			lookup,
			existing
		);
		expect(same.ok && same.good.length).toBe(1);
	});

	it('lists the first bad rows only, but counts them all', () => {
		const rows = Array.from({ length: 120 }, (_, i) => `x${i},nothing,X`);
		const r = parseResourceCsv(['id,kind,name', ...rows].join('\n'), lookup, none);
		expect(r.ok && [r.badCount, r.bad.length, r.bad[0].line]).toEqual([120, MAX_LISTED_ROWS, 2]);
	});

	it('refuses a file it cannot take as a whole, saying why', () => {
		expect(parseResourceCsv('', lookup, none)).toEqual({ ok: false, problem: 'reg_file_empty' });
		expect(parseResourceCsv('id,kind,name\n', lookup, none)).toEqual({
			ok: false,
			problem: 'reg_file_empty'
		});
		expect(parseResourceCsv('id,name\ne1,X', lookup, none)).toEqual({
			ok: false,
			problem: 'reg_file_header',
			params: { need: 'kind' }
		});
		expect(parseResourceCsv('id,kind,agency\ne1,boat,X', lookup, none)).toMatchObject({
			problem: 'reg_file_header',
			params: { need: 'name' }
		});
		const many = [
			'id,kind,name',
			...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `b${i},boat,B`)
		];
		expect(parseResourceCsv(many.join('\n'), lookup, none)).toMatchObject({
			problem: 'reg_file_too_many'
		});
		expect(parseResourceCsv('id,kind,name\ne1,boat,"open quote\n', lookup, none)).toMatchObject({
			ok: false,
			problem: 'reg_file_unreadable',
			params: { line: 2 }
		});
	});
});
