import { describe, expect, it } from 'vitest';
import { makeTeam, T0 } from '$lib/live/fixtures';
import { sortTeams, teamCounts } from './teams';
import { isTeamStale } from '../state/stale';

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
