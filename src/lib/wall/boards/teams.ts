/** The teams board: the roster's order and its summary line. Pure, so it is unit-tested. */
import { byId, compareText } from '$lib/format';
import type { TeamStatus, TeamView } from '$lib/live/types';
import { isTeamStale, lastReportMs } from '../state/stale';

const STATUS_ORDER: Record<TeamStatus, number> = {
	on_scene: 0,
	en_route: 1,
	returning: 2,
	available: 3,
	out_of_service: 4
};

function teamRank(t: TeamView, now: number, staleAfterMin: number): number {
	return isTeamStale(t, now, staleAfterMin * 60_000) ? 10 : t.status ? STATUS_ORDER[t.status] : 5;
}

/** The roster's order: working teams first, stale ones last, then by callsign, then by id. */
export function compareTeams(a: TeamView, b: TeamView, now: number, staleAfterMin: number): number {
	return (
		teamRank(a, now, staleAfterMin) - teamRank(b, now, staleAfterMin) ||
		compareText(a.callsign, b.callsign) ||
		byId(a, b)
	);
}

/**
 * Working teams first, stale ones last (they need a call, not a glance), then by callsign. The
 * wall keeps this order per update (roster.ts); this sorts from scratch.
 */
export function sortTeams(
	teams: Iterable<TeamView>,
	now: number,
	staleAfterMin: number
): TeamView[] {
	// Each key once per team, not once per comparison.
	return Array.from(teams, (t) => ({ t, r: teamRank(t, now, staleAfterMin) }))
		.sort((a, b) => a.r - b.r || compareText(a.t.callsign, b.t.callsign) || byId(a.t, b.t))
		.map((k) => k.t);
}

export type TeamCounts = Record<TeamStatus | 'stale', number>;

/** The roster's summary line: a stale team counts as stale, not as its last known status. */
export function teamCounts(
	teams: Iterable<TeamView>,
	now: number,
	staleAfterMin: number
): TeamCounts {
	const c: TeamCounts = {
		available: 0,
		en_route: 0,
		on_scene: 0,
		returning: 0,
		out_of_service: 0,
		stale: 0
	};
	for (const t of teams) {
		if (isTeamStale(t, now, staleAfterMin * 60_000)) c.stale++;
		else if (t.status) c[t.status]++;
	}
	return c;
}

/** Age of a team's last report in ms, or null when it never reported. */
export function teamAge(team: TeamView, now: number): number | null {
	const last = lastReportMs(team);
	return last === null ? null : now - last;
}
