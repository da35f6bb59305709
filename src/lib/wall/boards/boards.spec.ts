import { describe, expect, it } from 'vitest';
import {
	makeIncident,
	makeSensor,
	makeLogEntry,
	makeShelter,
	makeSnapshot,
	makeTeam,
	T0
} from '$lib/live/fixtures';
import {
	awaitingVerification,
	exerciseIds,
	fitRows,
	gaugeLevel,
	hasDemo,
	nearestPlace,
	shelterLevel,
	sortGauges,
	sparkRange,
	sortTeams,
	teamCounts,
	verifiedIncidents
} from './boards';
import { totals } from '$lib/live/totals';
import { isTeamStale } from '../state/stale';
import { KULOB_PLACES } from './places';
import { fromSnapshot } from '../state/reduce';

const t0 = Date.parse(T0);
const minutesAgo = (min: number) => new Date(t0 - min * 60_000).toISOString();

describe('roster', () => {
	const old = minutesAgo(30);
	const teams = [
		makeTeam({ id: '1', callsign: 'KR-10', status: 'available' }),
		makeTeam({ id: '2', callsign: 'KR-2', status: 'available' }),
		makeTeam({ id: '3', callsign: 'EX-1', status: 'on_scene' }),
		makeTeam({ id: '4', callsign: 'AA-1', status: 'on_scene', positionTs: old, statusTs: old })
	];

	it('puts working teams first, stale last, callsigns in natural order', () => {
		expect(sortTeams(teams, t0, 10).map((t) => t.callsign)).toEqual([
			'EX-1',
			'KR-2',
			'KR-10',
			'AA-1'
		]);
	});

	it('goes stale after the EOC setting, not a fixed time', () => {
		const team = makeTeam({ positionTs: minutesAgo(12), statusTs: minutesAgo(12) });
		expect(isTeamStale(team, t0, 10 * 60_000)).toBe(true);
		expect(isTeamStale(team, t0, 15 * 60_000)).toBe(false);
		expect(isTeamStale(makeTeam({ positionTs: null, statusTs: null }), t0, 15 * 60_000)).toBe(true);
	});

	it('counts a stale team as stale, not as its last status', () => {
		expect(teamCounts(teams, t0, 10)).toEqual({
			available: 2,
			en_route: 0,
			on_scene: 1,
			returning: 0,
			out_of_service: 0,
			stale: 1
		});
	});
});

describe('incidents on the wall', () => {
	const rows = [
		makeIncident({ id: 'a', severity: 3 }),
		makeIncident({
			id: 'b',
			severity: 5,
			casualties: { dead: 2, injured: 1, missing: 0, trapped: 14 }
		}),
		makeIncident({ id: 'c', status: 'reported', severity: 5 }),
		makeIncident({
			id: 'd',
			status: 'contained',
			severity: 4,
			affected: { people: 30, households: 6 }
		})
	];

	it('are the verified ones, most severe first', () => {
		expect(verifiedIncidents(rows).map((i) => i.id)).toEqual(['b', 'd', 'a']);
		expect(awaitingVerification(rows)).toBe(1);
	});

	it('add up to the totals, with the people in shelters', () => {
		const shelters = [makeShelter({ occupancy: 120 }), makeShelter({ id: 's2', occupancy: 35 })];
		expect(totals(verifiedIncidents(rows), shelters)).toEqual({
			dead: 2,
			injured: 1,
			missing: 0,
			trapped: 14,
			people: 30,
			households: 6,
			sheltered: 155
		});
	});
});

describe('exercise and demo flags', () => {
	it('are found on any entity', () => {
		const real = fromSnapshot(makeSnapshot());
		expect(exerciseIds(real)).toEqual([]);
		expect(hasDemo(real)).toBe(false);
		const drill = fromSnapshot(
			makeSnapshot({ teams: [makeTeam({ exercise: 'kulob-mudflow-1', demo: true })] })
		);
		expect(exerciseIds(drill)).toEqual(['kulob-mudflow-1']);
		expect(hasDemo(drill)).toBe(true);
	});

	it('include a significant event from a drill', () => {
		const drill = fromSnapshot(makeSnapshot({ events: [makeLogEntry({ exercise: 'drill-2' })] }));
		expect(exerciseIds(drill)).toEqual(['drill-2']);
	});
});

describe('gauges and shelters', () => {
	it('colour a reading against its thresholds, at a threshold counting as over it', () => {
		expect([100, 150, 199, 200, 250].map((v) => gaugeLevel(v, 150, 200))).toEqual([
			'normal',
			'warning',
			'warning',
			'danger',
			'danger'
		]);
		expect(gaugeLevel(null, 150, 200)).toBe('normal');
		expect(gaugeLevel(500, null, null)).toBe('normal');
		expect(gaugeLevel(210, null, 200)).toBe('danger');
	});

	it('grade a shelter by its occupied share', () => {
		expect([0, 299, 300, 379, 380, 420].map((o) => shelterLevel(o, 400))).toEqual([
			'ok',
			'ok',
			'filling',
			'filling',
			'full',
			'full'
		]);
		expect(shelterLevel(3, 0)).toBe('full');
	});
});

describe('nearest place', () => {
	it('is the town itself when close to its centre', () => {
		const near = nearestPlace(37.9168, 69.7851, KULOB_PLACES);
		expect(near?.place.id).toBe('kulob');
		expect(near?.km).toBe(0);
	});

	it('gives distance and direction from the town', () => {
		// The demo landslide on the road to Muminobod: about 10 km north-east of Kulob.
		const near = nearestPlace(37.9862, 69.8595, KULOB_PLACES);
		expect(near).toMatchObject({ km: 10, arrow: '↗' });
		expect(near?.place.id).toBe('kulob');
		expect(nearestPlace(37.81, 69.64, KULOB_PLACES)?.place.id).toBe('vose');
		expect(nearestPlace(37.7, 69.784, KULOB_PLACES.slice(0, 1))?.arrow).toBe('↓');
		expect(nearestPlace(37, 69, [])).toBeNull();
	});
});

describe('fitting rows without scrolling', () => {
	it('shows all when they fit, else keeps a line for "+N more"', () => {
		expect(fitRows(4, 200, 50, 20)).toEqual({ shown: 4, more: 0 });
		expect(fitRows(5, 200, 50, 20)).toEqual({ shown: 3, more: 2 });
		expect(fitRows(5, 10, 50, 20)).toEqual({ shown: 0, more: 5 });
		expect(fitRows(3, Number.NaN, 50)).toEqual({ shown: 3, more: 0 });
	});
});

describe('gauge sparklines', () => {
	it('keep readings and both thresholds in view', () => {
		const [lo, hi] = sparkRange([100, 120], 150, 200);
		expect(lo).toBeLessThan(100);
		expect(hi).toBeGreaterThan(200);
		expect(hi).toBeLessThan(210);
		expect(sparkRange([], null, null)).toEqual([0, 1]);
		const [flatLo, flatHi] = sparkRange([5, 5], null, null);
		expect(flatLo).toBeLessThan(5);
		expect(flatHi).toBeGreaterThan(5);
	});

	it('list the ones over a threshold first', () => {
		const gauges = [
			makeSensor({ id: 'a', name: 'A', lastValue: 10 }),
			makeSensor({ id: 'b', name: 'B', lastValue: 210 }),
			makeSensor({ id: 'c', name: 'C', lastValue: 160 })
		];
		expect(sortGauges(gauges).map((g) => g.id)).toEqual(['b', 'c', 'a']);
	});
});
