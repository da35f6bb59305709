import { describe, expect, it } from 'vitest';
import { ruleParams } from '$lib/contracts/alarm-rule';
import {
	gaugeLevel,
	gaugeRate,
	hazardReaches,
	incidentUnassigned,
	reportWaiting,
	risePerHour,
	stockBelow,
	teamSilent
} from './evaluate';
import { parseRule } from './rules';

const gauge = (value: number | null) => ({
	id: 'g1',
	value,
	warning: 250,
	danger: 320,
	unit: 'cm',
	exercise: null
});
const danger = ruleParams.gauge_level.parse({ threshold: 'danger', hysteresis: 10 });

describe('gauge level with hysteresis', () => {
	it('fires at the line, not below it', () => {
		expect(gaugeLevel(danger, gauge(320), false).fire).toBe(true);
		expect(gaugeLevel(danger, gauge(319.9), false)).toEqual({ fire: false, clear: false });
	});
	it('holds a raised alarm inside the band and clears it only below line - hysteresis', () => {
		expect(gaugeLevel(danger, gauge(315), true)).toEqual({ fire: false, clear: false });
		expect(gaugeLevel(danger, gauge(310), true)).toEqual({ fire: false, clear: false });
		expect(gaugeLevel(danger, gauge(309.9), true)).toEqual({ fire: false, clear: true });
	});
	it('takes a fixed value and a single sensor', () => {
		const fixed = ruleParams.gauge_level.parse({ sensor: 'g2', threshold: 100 });
		expect(gaugeLevel(fixed, gauge(500), false)).toEqual({ fire: false, clear: true });
		expect(gaugeLevel(fixed, { ...gauge(100), id: 'g2' }, false).fire).toBe(true);
	});
	it('does nothing for a gauge without the line', () => {
		expect(gaugeLevel(danger, { ...gauge(999), danger: null }, false).fire).toBe(false);
	});
});

describe('gauge rate', () => {
	const p = ruleParams.gauge_rate.parse({ risePerHour: 20 });
	it('measures the rise per hour over the window', () => {
		expect(
			risePerHour([
				[0, 100],
				[1_800_000, 115]
			])
		).toBe(30);
		expect(risePerHour([[0, 100]])).toBeNull();
	});
	it('fires at the limit and clears below it', () => {
		expect(
			gaugeRate(p, gauge(115), [
				[0, 100],
				[1_800_000, 115]
			]).fire
		).toBe(true);
		expect(
			gaugeRate(p, gauge(105), [
				[0, 100],
				[1_800_000, 105]
			])
		).toEqual({ fire: false, clear: true });
	});
});

describe('time-based rules', () => {
	const min = 60_000;
	it('team silent: after the limit, not for a team out of service', () => {
		const p = { afterMinutes: 15 };
		const t = { id: 't', status: 'available', lastHeard: 0, exercise: null };
		expect(teamSilent(p, t, 15 * min).fire).toBe(false);
		expect(teamSilent(p, t, 15 * min + 1).fire).toBe(true);
		expect(teamSilent(p, { ...t, status: 'out_of_service' }, 60 * min).fire).toBe(false);
	});
	it('incident unassigned and report waiting', () => {
		const i = {
			id: 'i',
			severity: 4,
			status: 'open',
			reportedAt: 0,
			assigned: false,
			exercise: null
		};
		const p = { minSeverity: 4, afterMinutes: 10 };
		expect(incidentUnassigned(p, i, 11 * min).fire).toBe(true);
		expect(incidentUnassigned(p, { ...i, assigned: true }, 11 * min).fire).toBe(false);
		expect(incidentUnassigned(p, { ...i, severity: 3 }, 11 * min).fire).toBe(false);
		expect(reportWaiting({ afterMinutes: 10 }, { ...i, status: 'reported' }, 11 * min).fire).toBe(
			true
		);
		expect(reportWaiting({ afterMinutes: 10 }, i, 11 * min).fire).toBe(false);
	});
});

describe('hazard reaches', () => {
	const square: GeoJSON.Polygon = {
		type: 'Polygon',
		coordinates: [
			[
				[69.0, 38.0],
				[69.01, 38.0],
				[69.01, 38.01],
				[69.0, 38.01],
				[69.0, 38.0]
			]
		]
	};
	const h = { id: 'h', kind: 'flood', geometry: square, exercise: null };
	const school = { kind: 'school' as const, id: 's', name: 'School 5', lat: 38.005, lon: 69.005 };
	// ~ 88 m east of the square's edge (at 38° N, 0.001° of longitude is ~ 88 m)
	const shelter = { kind: 'shelter' as const, id: 'sh', name: 'Hall', lat: 38.005, lon: 69.011 };
	it('finds a target inside, and one within the buffer only when the buffer reaches it', () => {
		const inside = hazardReaches({ targets: ['school'], bufferM: 0 }, h, [school, shelter]);
		expect(inside.fire && inside.detail.reached).toEqual([
			{ kind: 'school', id: 's', name: 'School 5', distanceM: 0 }
		]);
		expect(hazardReaches({ targets: ['shelter'], bufferM: 50 }, h, [shelter]).fire).toBe(false);
		const near = hazardReaches({ targets: ['shelter'], bufferM: 100 }, h, [shelter]);
		expect(near.fire).toBe(true);
	});
});

describe('stock below its minimum', () => {
	const tents = (quantity: number, minimum: number | null = 50) => ({
		id: 'kulob-wh:tent',
		storeId: 'kulob-wh',
		kindId: 'tent',
		quantity,
		minimum,
		unit: 'pcs',
		exercise: null
	});
	const any = ruleParams.stock_below.parse({});
	it('fires below the minimum, clears at it and above it', () => {
		expect(stockBelow(any, tents(49))).toEqual({
			fire: true,
			detail: { quantity: 49, minimum: 50, unit: 'pcs', store: 'kulob-wh', kind: 'tent' }
		});
		expect(stockBelow(any, tents(50))).toEqual({ fire: false, clear: true });
		expect(stockBelow(any, tents(80))).toEqual({ fire: false, clear: true });
	});
	it('never fires without a minimum, even at nothing on hand', () => {
		expect(stockBelow(any, tents(0, null))).toEqual({ fire: false, clear: true });
	});
	it('keeps to the kind and the store a rule names', () => {
		const water = ruleParams.stock_below.parse({ resourceKind: 'water' });
		expect(stockBelow(water, tents(1)).fire).toBe(false);
		expect(stockBelow(water, { ...tents(1), kindId: 'water' }).fire).toBe(true);
		const other = ruleParams.stock_below.parse({ store: 'vose-wh' });
		expect(stockBelow(other, tents(1)).fire).toBe(false);
		const both = ruleParams.stock_below.parse({ resourceKind: 'tent', store: 'kulob-wh' });
		expect(stockBelow(both, tents(1)).fire).toBe(true);
	});
	it('takes a rule with no params (any kind, any store)', () => {
		const r = parseRule({ name: 'Low', kind: 'stock_below', level: 'warning' });
		expect(r).toMatchObject({ ok: true, rule: { params: { resourceKind: null, store: null } } });
		expect(
			parseRule({ name: 'x', kind: 'stock_below', level: 'warning', params: { store: '' } })
		).toMatchObject({ ok: false, field: 'params.store' });
	});
});

describe('a rule as an admin writes it', () => {
	it('is refused with the field named', () => {
		const r = parseRule({
			name: 'x',
			kind: 'team_silent',
			level: 'warning',
			params: { afterMinutes: 0 }
		});
		expect(r).toMatchObject({ ok: false, field: 'params.afterMinutes' });
		expect(parseRule({ name: 'x', kind: 'nope', level: 'warning', params: {} })).toMatchObject({
			ok: false,
			field: 'kind'
		});
	});
});
