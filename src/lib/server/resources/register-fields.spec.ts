import { describe, expect, it } from 'vitest';
import { parseResource, parseStock, parseStore, type RegisterLookup } from './register-fields';

const lookup: RegisterLookup = {
	kinds: new Map([
		['excavator', 'equipment'],
		['water', 'supply']
	]),
	teams: new Set(['team-1'])
};
const good = {
	id: 'exc-1',
	kind: 'excavator',
	name: 'Excavator 1',
	plate: '1234 TJ 03',
	agency: 'CoES',
	homeBase: 'Kulob depot',
	capability: '0.8 m³ bucket',
	status: 'out of service',
	lat: '37,91',
	lon: '69.78',
	team: 'team-1'
};
const problemsOf = (raw: Record<string, string>) => {
	const r = parseResource(raw, lookup);
	return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.problem}`);
};

describe('a resource of the register', () => {
	it('takes every field, a comma decimal and a status written with spaces', () => {
		const r = parseResource(good, lookup);
		expect(r).toEqual({
			ok: true,
			value: {
				id: 'exc-1',
				kindId: 'excavator',
				name: 'Excavator 1',
				plate: '1234 TJ 03',
				agency: 'CoES',
				homeBase: 'Kulob depot',
				capability: '0.8 m³ bucket',
				status: 'out_of_service',
				lat: 37.91,
				lon: 69.78,
				teamId: 'team-1'
			}
		});
	});
	it('is named by its plate when the name is empty; an empty status and point are not given', () => {
		const r = parseResource({ id: 'x', kind: 'excavator', plate: 'P-1' }, lookup);
		expect(r.ok && r.value).toMatchObject({ name: 'P-1', status: null, lat: null, lon: null });
	});
	it('names every field that is wrong, each with its reason', () => {
		expect(
			problemsOf({
				id: 'bad id!',
				kind: 'tractor',
				name: '',
				status: 'lost',
				lat: '37.9',
				team: 'nobody'
			})
		).toEqual([
			'id:reg_id_invalid',
			'kind:reg_kind_unknown',
			'name:reg_name_missing',
			'status:reg_status_invalid',
			'lon:reg_lat_lon_pair',
			'team:reg_team_unknown'
		]);
	});
	it('refuses a supply kind (counted per store), an out-of-range point and a long text', () => {
		expect(problemsOf({ ...good, kind: 'water' })).toEqual(['kind:reg_kind_supply']);
		expect(problemsOf({ ...good, lat: '91' })).toEqual(['lat:reg_lat_invalid']);
		expect(problemsOf({ ...good, lon: 'east' })).toEqual(['lon:reg_lon_invalid']);
		expect(problemsOf({ ...good, plate: 'x'.repeat(41) })).toEqual(['plate:reg_too_long']);
		expect(problemsOf({ ...good, id: '' })).toEqual(['id:reg_id_missing']);
		expect(problemsOf({ ...good, kind: '' })).toEqual(['kind:reg_kind_missing']);
	});
});

describe('a store and its stock', () => {
	it('takes a store with or without a point, and refuses one without a name', () => {
		expect(parseStore({ id: 'wh-1', name: 'Kulob warehouse' })).toMatchObject({
			ok: true,
			value: { id: 'wh-1', name: 'Kulob warehouse', lat: null, lon: null }
		});
		const r = parseStore({ id: 'wh-1', name: ' ', lat: '37.9', lon: '' });
		expect(r.ok ? [] : r.problems.map((p) => p.problem)).toEqual([
			'reg_store_name_missing',
			'reg_lat_lon_pair'
		]);
	});
	it('sets a supply, with an empty minimum as none; equipment and a negative quantity are refused', () => {
		expect(
			parseStock({ storeId: 'wh-1', kindId: 'water', quantity: '1200', minimum: '' }, lookup)
		).toEqual({
			ok: true,
			value: { storeId: 'wh-1', kindId: 'water', quantity: 1200, minimum: null }
		});
		const r = parseStock(
			{ storeId: 'wh-1', kindId: 'excavator', quantity: '-1', minimum: 'x' },
			lookup
		);
		expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.problem}`)).toEqual([
			'kindId:reg_kind_equipment',
			'quantity:reg_quantity_invalid',
			'minimum:reg_minimum_invalid'
		]);
	});
});
