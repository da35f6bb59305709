import { describe, expect, it } from 'vitest';
import { makeIncident, makeTeam, T0 } from '$lib/live/fixtures';
import { rgba, STALE_HEX, STATUS_HEX } from '../palette';
import { LABEL_CHARACTER_SET } from './common';
import {
	placedTeams,
	teamColour,
	teamLabel,
	teamLabelCandidates,
	teamLabelsLayer,
	teamsLayer,
	teamIcon,
	teamAngle,
	trailPaths,
	assignments
} from './teams';
import { DEFAULT_STALE_AFTER_MS, isTeamStale, lastReportMs } from '$lib/wall/state/stale';

const t0 = Date.parse(T0);
const min = 60_000;

describe('team colour', () => {
	it('follows the status (docs/design.md)', () => {
		const now = t0 + min;
		expect(teamColour(makeTeam({ status: 'available' }), now)).toEqual(rgba('#009E73'));
		expect(teamColour(makeTeam({ status: 'en_route' }), now)).toEqual(rgba('#56B4E9'));
		expect(teamColour(makeTeam({ status: 'on_scene' }), now)).toEqual(rgba('#E69F00'));
		expect(teamColour(makeTeam({ status: 'returning' }), now)).toEqual(rgba(STATUS_HEX.returning));
	});

	it('turns grey when the last report is older than 10 minutes', () => {
		const team = makeTeam({ status: 'on_scene' });
		expect(isTeamStale(team, t0 + DEFAULT_STALE_AFTER_MS)).toBe(false);
		expect(isTeamStale(team, t0 + DEFAULT_STALE_AFTER_MS + 1)).toBe(true);
		expect(teamColour(team, t0 + 11 * min)).toEqual(rgba(STALE_HEX));
	});

	it('counts the newest of position and status as the last report', () => {
		const team = makeTeam({ positionTs: T0, statusTs: new Date(t0 + 8 * min).toISOString() });
		expect(lastReportMs(team)).toBe(t0 + 8 * min);
		expect(isTeamStale(team, t0 + 15 * min)).toBe(false);
	});

	it('a team that never reported is stale and grey', () => {
		const team = makeTeam({ positionTs: null, statusTs: null });
		expect(isTeamStale(team, t0)).toBe(true);
		expect(teamLabel(team, t0)).toBe('⚠ KR-2 · —');
	});
});

describe('team label', () => {
	it('says callsign and age', () => {
		expect(teamLabel(makeTeam({ status: 'on_scene' }), t0 + 60_000)).toBe('KR-2 · 1 min');
	});
	it('warns with ⚠ and how long when stale, in any language', () => {
		expect(teamLabel(makeTeam({ callsign: 'KR-5' }), t0 + 14 * min)).toBe('⚠ KR-5 · 14 min');
	});
	it("follows the EOC's stale limit (settings.staleAfterMin), not a fixed one", () => {
		const team = makeTeam({ callsign: 'KR-5' });
		expect(teamLabel(team, t0 + 14 * min, 20 * min)).toBe('KR-5 · 14 min');
		expect(isTeamStale(team, t0 + 6 * min, 5 * min)).toBe(true);
		expect(teamIcon(team, t0 + 6 * min, 5 * min)).toBe('team-stale-circle');
		expect(teamIcon(team, t0 + 6 * min, 20 * min)).toBe('team-available');
	});
});

describe('team layers', () => {
	const rows = placedTeams([
		makeTeam({ id: 'a' }),
		makeTeam({ id: 'nowhere', lat: null, lon: null })
	]);

	it('draw only teams with a position', () => {
		expect(rows.map((t) => t.id)).toEqual(['a']);
	});

	it('have stable ids and recompute colours only when staleness changes', () => {
		const fresh = teamsLayer(rows, { now: t0 + min, zoom: 11 });
		const later = teamsLayer(rows, { now: t0 + 2 * min, zoom: 11 });
		const stale = teamsLayer(rows, { now: t0 + 20 * min, zoom: 11 });
		expect(fresh.id).toBe('teams');
		expect(fresh.props.updateTriggers.getIcon).toBe(later.props.updateTriggers.getIcon);
		expect(stale.props.updateTriggers.getIcon).not.toBe(fresh.props.updateTriggers.getIcon);
	});

	it('label in Noto Sans with Cyrillic in the character set', () => {
		const labels = teamLabelsLayer(teamLabelCandidates(rows, t0), { now: t0, zoom: 11 });
		expect(labels.id).toBe('team-labels');
		expect(labels.props.fontFamily).toContain('Noto Sans');
		for (const ch of 'Кӯлобҷҳқғӣ') expect(LABEL_CHARACTER_SET).toContain(ch);
		expect(labels.props.characterSet).toBe(LABEL_CHARACTER_SET);
	});
});

describe('team label candidates', () => {
	it('put teams at work and stale teams before idle ones', () => {
		const old = new Date(t0 - 30 * min).toISOString();
		const rows = placedTeams([
			makeTeam({ id: 'idle', callsign: 'A-1', status: 'available' }),
			makeTeam({ id: 'quiet', callsign: 'B-1', positionTs: old, statusTs: old }),
			makeTeam({ id: 'busy', callsign: 'Z-9', status: 'on_scene' })
		]);
		const labels = teamLabelCandidates(rows, t0);
		expect(labels.map((l) => l.team.id)).toEqual(['busy', 'quiet', 'idle']);
		expect(labels[1]).toMatchObject({ stale: true, text: '⚠ B-1 · 30 min', anchor: 'start' });
	});
});

describe('team symbols (docs/design.md)', () => {
	const now = t0 + min;
	it('a circle when available, triangles en route and on scene, squares otherwise', () => {
		expect(teamIcon(makeTeam({ status: 'available' }), now)).toBe('team-available');
		expect(teamIcon(makeTeam({ status: 'en_route' }), now)).toBe('team-en_route');
		expect(teamIcon(makeTeam({ status: 'on_scene' }), now)).toBe('team-on_scene');
		expect(teamIcon(makeTeam({ status: 'on_scene' }), t0 + 30 * min)).toBe('team-stale-triangle');
		expect(teamIcon(makeTeam({ status: null }), now)).toBe('team-stale-square');
	});

	it('triangles point along the heading (deck.gl turns counter-clockwise); others do not turn', () => {
		expect(teamAngle(makeTeam({ status: 'en_route', headingDeg: 90 }))).toBe(-90);
		expect(teamAngle(makeTeam({ status: 'en_route', headingDeg: null }))).toBe(0);
		expect(teamAngle(makeTeam({ status: 'available', headingDeg: 90 }))).toBe(0);
	});
});

describe('trails and assignments', () => {
	it('draw a path per team with two points or more, reused while its points are the same', () => {
		const a: [number, number, number][] = [
			[69.78, 37.91, t0],
			[69.79, 37.92, t0 + min]
		];
		const trails = new Map([
			['a', a],
			['b', [[69.7, 37.9, t0]] as [number, number, number][]]
		]);
		const first = trailPaths(trails);
		// The points themselves (the layer reads two coordinates of each): no copy per trail.
		expect(first).toEqual([a]);
		expect(first[0]).toBe(a);
		const again = trailPaths(new Map(trails));
		expect(again[0]).toBe(first[0]);
	});

	it('join a team to its assigned incident when that incident is on the wall', () => {
		const teams = placedTeams([
			makeTeam({ id: 'a', incidentId: 'inc-1', status: 'en_route' }),
			makeTeam({ id: 'b', incidentId: 'gone' }),
			makeTeam({ id: 'c' })
		]);
		const lines = assignments(teams, [makeIncident({ id: 'inc-1', lon: 69.8, lat: 37.95 })]);
		expect(lines).toEqual([
			{ teamId: 'a', status: 'en_route', from: [69.7811, 37.9123], to: [69.8, 37.95] }
		]);
	});
});
