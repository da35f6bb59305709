/** What the wall's boards show, derived from the live state. Pure, so it is unit-tested. */
import type { IncidentView, TeamStatus, TeamView } from '$lib/live/types';
import { isStale, lastReportMs } from '$lib/map/layers/teams';
import type { LiveData } from './reduce';

const STATUS_ORDER: Record<TeamStatus, number> = {
	on_scene: 0,
	en_route: 1,
	returning: 2,
	available: 3,
	out_of_service: 4
};

/** Working teams first, stale ones last (they need a call, not a glance), then by callsign. */
export function sortTeams(teams: Iterable<TeamView>, now: number): TeamView[] {
	const rank = (t: TeamView) => (isStale(t, now) ? 10 : t.status ? STATUS_ORDER[t.status] : 5);
	return [...teams].sort(
		(a, b) => rank(a) - rank(b) || a.callsign.localeCompare(b.callsign, 'en', { numeric: true })
	);
}

/** Verified incidents (open or contained): the wall never shows an unverified field report. */
export function verifiedIncidents(incidents: Iterable<IncidentView>): IncidentView[] {
	return [...incidents]
		.filter((i) => i.status === 'open' || i.status === 'contained')
		.sort(
			(a, b) =>
				b.severity - a.severity ||
				Date.parse(b.reportedAt) - Date.parse(a.reportedAt) ||
				a.id.localeCompare(b.id)
		);
}

export function awaitingVerification(incidents: Iterable<IncidentView>): number {
	let n = 0;
	for (const i of incidents) if (i.status === 'reported') n++;
	return n;
}

export interface Totals {
	dead: number;
	injured: number;
	missing: number;
	trapped: number;
	people: number;
	households: number;
}

export function totals(incidents: readonly IncidentView[]): Totals {
	const t: Totals = { dead: 0, injured: 0, missing: 0, trapped: 0, people: 0, households: 0 };
	for (const i of incidents) {
		t.dead += i.casualties.dead;
		t.injured += i.casualties.injured;
		t.missing += i.casualties.missing;
		t.trapped += i.casualties.trapped;
		t.people += i.affected.people;
		t.households += i.affected.households;
	}
	return t;
}

function* allEntities(data: LiveData) {
	yield* data.teams.values();
	yield* data.incidents.values();
	yield* data.sensors.values();
	yield* data.hazards.values();
	yield* data.shelters.values();
}

/** Exercise ids present in the data: any one means the EXERCISE banner. */
export function exerciseIds(data: LiveData): string[] {
	const ids = new Set<string>();
	for (const e of allEntities(data)) {
		if ('exercise' in e && e.exercise) ids.add(e.exercise);
	}
	return [...ids].sort();
}

export function hasDemo(data: LiveData): boolean {
	for (const e of allEntities(data)) if (e.demo) return true;
	return false;
}

/** Age of a team's last report in ms, or null when it never reported. */
export function teamAge(team: TeamView, now: number): number | null {
	const last = lastReportMs(team);
	return last === null ? null : now - last;
}
