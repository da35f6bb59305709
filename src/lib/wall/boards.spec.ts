import { describe, expect, it } from 'vitest';
import { makeIncident, makeSnapshot, makeTeam, T0 } from '$lib/live/fixtures';
import {
	awaitingVerification,
	exerciseIds,
	hasDemo,
	sortTeams,
	totals,
	verifiedIncidents
} from './boards';
import { fromSnapshot } from './reduce';

const t0 = Date.parse(T0);

describe('roster order', () => {
	it('puts working teams first, stale last, callsigns in natural order', () => {
		const old = new Date(t0 - 30 * 60_000).toISOString();
		const teams = [
			makeTeam({ id: '1', callsign: 'KR-10', status: 'available' }),
			makeTeam({ id: '2', callsign: 'KR-2', status: 'available' }),
			makeTeam({ id: '3', callsign: 'EX-1', status: 'on_scene' }),
			makeTeam({ id: '4', callsign: 'AA-1', status: 'on_scene', positionTs: old, statusTs: old })
		];
		expect(sortTeams(teams, t0).map((t) => t.callsign)).toEqual(['EX-1', 'KR-2', 'KR-10', 'AA-1']);
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

	it('add up to the totals', () => {
		expect(totals(verifiedIncidents(rows))).toEqual({
			dead: 2,
			injured: 1,
			missing: 0,
			trapped: 14,
			people: 30,
			households: 6
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
});
