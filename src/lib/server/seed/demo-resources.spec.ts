import { describe, expect, it } from 'vitest';
import { DEFAULT_KINDS } from '../entities/resource/kinds';
import { DEMO_STORES, demoResources } from './demo-resources';

describe('the demo register', () => {
	const now = new Date('2026-12-07T09:00:00Z');
	const units = demoResources(now);
	const kind = new Map(DEFAULT_KINDS.map((k) => [k.id, k]));

	it('has about forty units of default equipment kinds, each id once, mostly available', () => {
		expect(units).toHaveLength(40);
		expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
		expect(units.every((u) => kind.get(u.kindId)?.class === 'equipment')).toBe(true);
		// Every equipment kind of the defaults is in the register.
		expect(new Set(units.map((u) => u.kindId))).toEqual(
			new Set(DEFAULT_KINDS.filter((k) => k.class === 'equipment').map((k) => k.id))
		);
		const available = units.filter((u) => u.status === 'available').length;
		expect(available / units.length).toBeGreaterThan(0.7);
		for (const s of ['on_scene', 'en_route', 'out_of_service', 'returning'])
			expect(units.some((u) => u.status === s)).toBe(true);
	});

	it('places each unit in Khatlon, near Kulob or Bokhtar, one without a tracker', () => {
		const placed = units.filter((u) => u.lat !== null && u.lon !== null);
		expect(units.length - placed.length).toBe(1);
		for (const u of placed) {
			expect(u.lat as number).toBeGreaterThan(37.5);
			expect(u.lat as number).toBeLessThan(38.2);
			expect(u.lon as number).toBeGreaterThan(68.7);
			expect(u.lon as number).toBeLessThan(70.1);
		}
		// On scene at their incident: the pump at the flood, the earth movers at the landslide.
		expect(
			units.filter((u) => u.status === 'on_scene').map((u) => [u.kindId, u.incidentId])
		).toEqual([
			['bulldozer', 'demo-landslide-1'],
			['loader', 'demo-landslide-1'],
			['water_pump', 'demo-flood-1']
		]);
	});

	it('stocks supplies only, with minimums, exactly one kind below its minimum', () => {
		const rows = DEMO_STORES.flatMap(([store, , , , , , stock]) =>
			stock.map(([k, quantity, minimum]) => ({ store, k, quantity, minimum }))
		);
		expect(rows.every((r) => kind.get(r.k)?.class === 'supply')).toBe(true);
		expect(rows.filter((r) => r.quantity < r.minimum).map((r) => [r.store, r.k])).toEqual([
			['coes-kulob-wh', 'water']
		]);
	});
});
