import { describe, expect, it } from 'vitest';
import { makeIncident, makeTeam, T0 } from '$lib/live/fixtures';
import type { IncidentView, TeamStatus, TeamView } from '$lib/live/types';
import { isVerified } from '$lib/live/totals';
import { compareIncidents, verifiedIncidents } from '../boards/incidents';
import { sortTeams, teamCounts } from '../boards/teams';
import { ChunkedMap } from '$lib/live/chunked-map';
import { Roster } from './roster';
import { SortedView } from './sorted';

const t0 = Date.parse(T0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const STATUSES: (TeamStatus | null)[] = ['available', 'en_route', 'on_scene', 'returning', null];

function random(seed: number) {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('Roster (kept per update)', () => {
	it('always equals sorting and counting every team from scratch, as teams report and the clock runs', () => {
		const rnd = random(7);
		const team = (i: number, at: number) =>
			makeTeam({
				id: `t${i}`,
				// Repeated callsigns: the order must still be total.
				callsign: `KR-${Math.floor(rnd() * 40)}`,
				status: STATUSES[Math.floor(rnd() * STATUSES.length)],
				positionTs: iso(at - Math.floor(rnd() * 15) * MIN),
				statusTs: iso(at - 20 * MIN)
			});
		let now = t0;
		let teams = ChunkedMap.from(
			Array.from({ length: 400 }, (_, i) => [`t${i}`, team(i, now)] as const)
		);
		const roster = new Roster();
		let checked = 0;
		for (let step = 0; step < 1500; step++) {
			const r = rnd();
			if (r < 0.1)
				now += Math.floor(rnd() * 3 * MIN); // the clock; teams go stale
			else if (r < 0.12) teams = teams.without(`t${Math.floor(rnd() * 450)}`);
			else {
				const i = Math.floor(rnd() * 450);
				teams = teams.with(`t${i}`, team(i, now));
			}
			const limit = step > 1200 ? 5 : 10; // the EOC changes its stale limit
			const view = roster.update(teams, now, limit);
			if (step % 7 === 0 || step > 1490) {
				expect(view.teams).toEqual(sortTeams(teams.values(), now, limit));
				expect(view.counts).toEqual(teamCounts(teams.values(), now, limit));
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(200);
	});

	it('gives the same list while nothing changed, and a new one when a team moved', () => {
		const teams = ChunkedMap.from([['a', makeTeam({ id: 'a' })]]);
		const roster = new Roster();
		const first = roster.update(teams, t0, 10).teams;
		expect(roster.update(teams, t0 + 1000, 10).teams).toBe(first);
		const moved = teams.with('a', makeTeam({ id: 'a', lat: 38 }));
		expect(roster.update(moved, t0 + 1000, 10).teams).not.toBe(first);
	});
});

describe('SortedView', () => {
	it('keeps the verified incidents in board order through random changes', () => {
		const rnd = random(11);
		const statuses: IncidentView['status'][] = ['reported', 'open', 'contained', 'closed'];
		const incident = (i: number) =>
			makeIncident({
				id: `i${i}`,
				severity: 1 + Math.floor(rnd() * 5),
				status: statuses[Math.floor(rnd() * statuses.length)],
				reportedAt: iso(t0 - Math.floor(rnd() * 50) * MIN)
			});
		let incidents = ChunkedMap.empty<IncidentView>();
		const view = new SortedView(compareIncidents, isVerified);
		for (let step = 0; step < 2000; step++) {
			const i = Math.floor(rnd() * 300);
			incidents = rnd() < 0.1 ? incidents.without(`i${i}`) : incidents.with(`i${i}`, incident(i));
			const rows = view.update(incidents);
			if (step % 13 === 0) expect(rows).toEqual(verifiedIncidents(incidents.values()));
		}
		expect(view.update(incidents)).toEqual(verifiedIncidents(incidents.values()));
	});

	it('sorts everything again for a map it cannot follow (another line of history)', () => {
		const view = new SortedView<TeamView>((a, b) => a.callsign.localeCompare(b.callsign));
		view.update(ChunkedMap.from([['a', makeTeam({ id: 'a', callsign: 'B' })]]));
		const other = ChunkedMap.from([
			['x', makeTeam({ id: 'x', callsign: 'Z' })],
			['y', makeTeam({ id: 'y', callsign: 'A' })]
		]);
		expect(view.update(other).map((t) => t.callsign)).toEqual(['A', 'Z']);
	});
});
