import { describe, expect, it } from 'vitest';
import { makeKind, makeResource } from '$lib/wall/state/resource-fixtures';
import {
	makeHazard,
	makeIncident,
	makeLogEntry,
	makeSensor,
	makeSettings,
	makeShelter,
	makeSnapshot,
	makeTeam,
	T0
} from '$lib/live/fixtures';
import {
	SERIES_MAX_POINTS,
	SERIES_WINDOW_MS,
	TRAIL_MAX_POINTS,
	TRAIL_WINDOW_MS,
	type TrailPoint
} from '$lib/live/types';
import {
	appendSeries,
	appendTrail,
	applyEvent,
	emptyData,
	EVENTS_MAX,
	fromSnapshot,
	mergeTeam
} from './reduce';

const LATER = '2025-05-07T09:05:00.000Z';
const EARLIER = '2025-05-07T08:55:00.000Z';

describe('snapshot', () => {
	it('replaces everything held', () => {
		let data = applyEvent(emptyData(), {
			type: 'team',
			data: makeTeam({ id: 'old', callsign: 'OLD-1' })
		});
		data = applyEvent(data, { type: 'snapshot', data: makeSnapshot() });
		expect([...data.teams.keys()]).toEqual(['kr-2']);
		expect([...data.incidents.keys()]).toEqual(['inc-1']);
		expect([...data.sensors.keys()]).toEqual(['tebalay-level']);
		expect([...data.hazards.keys()]).toEqual(['hz-1']);
		expect([...data.shelters.keys()]).toEqual(['school-53']);
	});

	it('leaves closed incidents out', () => {
		const data = fromSnapshot(
			makeSnapshot({
				incidents: [
					makeIncident({ id: 'a', status: 'open' }),
					makeIncident({ id: 'b', status: 'closed' }),
					makeIncident({ id: 'c', status: 'contained' })
				]
			})
		);
		expect([...data.incidents.keys()]).toEqual(['a', 'c']);
	});
});

describe('deltas', () => {
	it('replace one entity by id and keep the other collections as they were', () => {
		const before = fromSnapshot(
			makeSnapshot({ teams: [makeTeam({ id: 'a' }), makeTeam({ id: 'b', callsign: 'B' })] })
		);
		const after = applyEvent(before, {
			type: 'team',
			data: makeTeam({ id: 'b', callsign: 'B', status: 'en_route', statusTs: LATER })
		});
		expect(after.teams.get('b')?.status).toBe('en_route');
		expect(after.teams.get('a')).toBe(before.teams.get('a'));
		expect(after.teams).not.toBe(before.teams);
		expect(after.incidents).toBe(before.incidents);
		expect(before.teams.get('b')?.status).toBe('available');
	});

	it('add an entity that was not held', () => {
		const data = applyEvent(emptyData(), { type: 'sensor', data: makeSensor({ id: 'rain' }) });
		expect(data.sensors.get('rain')?.kind).toBe('water_level_cm');
	});

	it('replace sensors, hazards and shelters by id', () => {
		let data = fromSnapshot(makeSnapshot());
		data = applyEvent(data, { type: 'sensor', data: makeSensor({ lastValue: 212 }) });
		data = applyEvent(data, { type: 'hazard', data: makeHazard({ depthM: 2.1 }) });
		data = applyEvent(data, { type: 'shelter', data: makeShelter({ occupancy: 312 }) });
		expect(data.sensors.get('tebalay-level')?.lastValue).toBe(212);
		expect(data.hazards.get('hz-1')?.depthM).toBe(2.1);
		expect(data.shelters.get('school-53')?.occupancy).toBe(312);
		expect(data.sensors.size + data.hazards.size + data.shelters.size).toBe(3);
	});
});

describe('team positions', () => {
	const held = makeTeam({ lat: 37.9, lon: 69.8, positionTs: T(0), batteryPct: 70 });

	function T(minutes: number): string {
		return new Date(Date.parse('2025-05-07T09:00:00Z') + minutes * 60_000).toISOString();
	}

	it('a newer position moves the team', () => {
		const next = mergeTeam(held, { ...held, lat: 37.95, lon: 69.85, positionTs: T(1) });
		expect([next.lat, next.lon, next.positionTs]).toEqual([37.95, 69.85, T(1)]);
	});

	it('an older position never moves the team back, but other fields still update', () => {
		const late = {
			...held,
			lat: 37.1,
			lon: 69.1,
			positionTs: T(-5),
			batteryPct: 90,
			status: 'on_scene' as const,
			statusTs: T(2)
		};
		const next = mergeTeam(held, late);
		expect([next.lat, next.lon, next.positionTs, next.batteryPct]).toEqual([37.9, 69.8, T(0), 70]);
		expect(next.status).toBe('on_scene');
	});

	it('an older status does not replace a newer one', () => {
		const onScene = { ...held, status: 'on_scene' as const, statusTs: T(3) };
		const next = mergeTeam(onScene, { ...onScene, status: 'en_route', statusTs: T(1) });
		expect(next.status).toBe('on_scene');
		expect(next.statusTs).toBe(T(3));
	});

	it('compares instants, not strings (offsets are allowed)', () => {
		// 14:01+05:00 is 09:01Z, which is newer than 09:00Z although it sorts after as a string.
		const next = mergeTeam(held, { ...held, lat: 1, positionTs: '2025-05-07T14:01:00+05:00' });
		expect(next.lat).toBe(1);
	});

	it('applies through applyEvent too', () => {
		const data = fromSnapshot(makeSnapshot({ teams: [held] }));
		const after = applyEvent(data, {
			type: 'team',
			data: { ...held, lat: 0, lon: 0, positionTs: EARLIER }
		});
		expect(after.teams.get(held.id)?.lat).toBe(37.9);
	});

	it('a position with no time, or a team never seen before, is taken as sent', () => {
		expect(mergeTeam(undefined, { ...held, lat: 2 }).lat).toBe(2);
		expect(mergeTeam(held, { ...held, lat: 3, positionTs: null }).lat).toBe(3);
	});
});

describe('incidents', () => {
	it('a closed incident is removed from the open list', () => {
		const data = fromSnapshot(makeSnapshot());
		const after = applyEvent(data, {
			type: 'incident',
			data: makeIncident({ status: 'closed', updatedAt: LATER })
		});
		expect(after.incidents.has('inc-1')).toBe(false);
	});

	it('closing an incident that is not held changes nothing', () => {
		const data = fromSnapshot(makeSnapshot());
		const after = applyEvent(data, {
			type: 'incident',
			data: makeIncident({ id: 'other', status: 'closed' })
		});
		expect(after).toBe(data);
	});

	it('an update replaces the incident', () => {
		const data = applyEvent(fromSnapshot(makeSnapshot()), {
			type: 'incident',
			data: makeIncident({ severity: 5, status: 'contained', updatedAt: LATER })
		});
		expect(data.incidents.get('inc-1')).toMatchObject({ severity: 5, status: 'contained' });
	});
});

describe('trails, sparklines and significant events', () => {
	const t = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

	it('a team event extends its trail; a late position does not', () => {
		let data = fromSnapshot(makeSnapshot({ teams: [], trails: {} }));
		for (const m of [0, 1, 2]) {
			data = applyEvent(data, {
				type: 'team',
				data: makeTeam({ positionTs: t(m), lat: 37.9 + m / 100 })
			});
		}
		expect(data.trails.get('kr-2')?.map((p) => p[1])).toEqual([37.9, 37.91, 37.92]);
		const before = data.trails;
		data = applyEvent(data, { type: 'team', data: makeTeam({ positionTs: t(1), lat: 40 }) });
		expect(data.trails).toBe(before);
	});

	it('a trail keeps 30 minutes and at most TRAIL_MAX_POINTS', () => {
		let trail: readonly TrailPoint[] = [];
		for (let s = 0; s < 3600; s += 5)
			trail = appendTrail(trail, [69, 37, Date.parse(T0) + s * 1000]);
		expect(trail.length).toBeLessThanOrEqual(TRAIL_MAX_POINTS);
		expect(trail.at(-1)![2] - trail[0][2]).toBeLessThanOrEqual(TRAIL_WINDOW_MS);
		trail = [];
		for (let m = 0; m < 120; m += 10)
			trail = appendTrail(trail, [69, 37, Date.parse(T0) + m * 60_000]);
		expect(trail.map((p) => (p[2] - Date.parse(T0)) / 60_000)).toEqual([80, 90, 100, 110]);
	});

	it('a sensor reading goes into its 5-minute bucket as the maximum, bounded to 6 hours', () => {
		const t0 = Date.parse('2025-05-07T09:00:00Z');
		let s = appendSeries([], t0, 100);
		s = appendSeries(s, t0 + 60_000, 120);
		s = appendSeries(s, t0 + 120_000, 110);
		expect(s).toEqual([[t0, 120]]);
		for (let h = 0; h < 24 * 12; h++) s = appendSeries(s, t0 + h * 5 * 60_000, h);
		expect(s.length).toBeLessThanOrEqual(SERIES_MAX_POINTS);
		expect(s.at(-1)![0] - s[0][0]).toBeLessThanOrEqual(SERIES_WINDOW_MS);
	});

	it('a sensor event feeds the sparkline', () => {
		let data = fromSnapshot(makeSnapshot({ series: {} }));
		data = applyEvent(data, { type: 'sensor', data: makeSensor({ lastValue: 210, lastTs: T0 }) });
		expect(data.series.get('tebalay-level')).toEqual([[Date.parse(T0), 210]]);
	});

	it('significant events stay newest first, once each, at most EVENTS_MAX', () => {
		let data = fromSnapshot(makeSnapshot({ events: [] }));
		data = applyEvent(data, { type: 'logEntry', data: makeLogEntry({ id: 'a', ts: t(1) }) });
		data = applyEvent(data, { type: 'logEntry', data: makeLogEntry({ id: 'b', ts: t(3) }) });
		data = applyEvent(data, { type: 'logEntry', data: makeLogEntry({ id: 'c', ts: t(2) }) });
		data = applyEvent(data, {
			type: 'logEntry',
			data: makeLogEntry({ id: 'a', ts: t(1), text: 'x' })
		});
		expect(data.events.map((e) => e.id)).toEqual(['b', 'c', 'a']);
		for (let i = 0; i < 80; i++)
			data = applyEvent(data, {
				type: 'logEntry',
				data: makeLogEntry({ id: `n${i}`, ts: t(10 + i) })
			});
		expect(data.events).toHaveLength(EVENTS_MAX);
		expect(data.events[0].id).toBe('n79');
	});

	it('settings replace the held settings', () => {
		let data = fromSnapshot(makeSnapshot());
		data = applyEvent(data, { type: 'settings', data: makeSettings({ activationLevel: 3 }) });
		expect(data.settings.activationLevel).toBe(3);
	});
});

describe('removed', () => {
	it('drops a retired resource or a deleted kind, and nothing else', () => {
		let data = applyEvent(emptyData(), { type: 'resource', data: makeResource({ id: 'exc-1' }) });
		data = applyEvent(data, { type: 'resource', data: makeResource({ id: 'exc-2' }) });
		data = applyEvent(data, { type: 'resourceKind', data: makeKind({ id: 'exc-1' }) });
		const teams = data.teams;
		data = applyEvent(data, { type: 'removed', data: { kind: 'resource', id: 'exc-1' } });
		expect([...data.resources.keys()]).toEqual(['exc-2']);
		expect([...data.resourceKinds.keys()]).toEqual(['exc-1']);
		expect(data.teams).toBe(teams);
		data = applyEvent(data, { type: 'removed', data: { kind: 'resourceKind', id: 'exc-1' } });
		expect(data.resourceKinds.size).toBe(0);
		// One that was never held: nothing happens.
		const same = applyEvent(data, { type: 'removed', data: { kind: 'resource', id: 'x' } });
		expect([...same.resources.keys()]).toEqual(['exc-2']);
	});
});
