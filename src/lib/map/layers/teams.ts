/**
 * Field teams on the map: a dot coloured by status (DESIGN.md), grey when the last report is older
 * than ten minutes, and a label with the callsign and the age of that report.
 */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { formatAge, parseTs } from '$lib/format';
import type { TeamStatus, TeamView } from '$lib/live/types';
import { rgba, STALE_HEX, STATUS_HEX, type Rgba } from '../palette';
import { placedLabelProps, type MapUi } from './common';
import type { LabelCandidate, Placement } from './declutter';

export const STALE_AFTER_MS = 10 * 60_000;
export const TEAM_RADIUS_PX = 9;

export type PlacedTeam = TeamView & { lat: number; lon: number };

/** The newest of its position and status times, or null when it never reported. */
export function lastReportMs(team: TeamView): number | null {
	const times = [parseTs(team.positionTs), parseTs(team.statusTs)].filter(
		(t): t is number => t !== null
	);
	return times.length ? Math.max(...times) : null;
}

export function isStale(team: TeamView, now: number): boolean {
	const last = lastReportMs(team);
	return last === null || now - last > STALE_AFTER_MS;
}

export function teamColour(team: TeamView, now: number): Rgba {
	if (isStale(team, now) || !team.status) return rgba(STALE_HEX);
	return rgba(STATUS_HEX[team.status]);
}

/** "KR-2 · 1 min", or "KR-5 · stale 14 min". The status is the dot's colour and the roster's word. */
export function teamLabel(team: TeamView, now: number): string {
	const last = lastReportMs(team);
	const age = last === null ? 'never' : formatAge(now - last);
	return isStale(team, now) ? `${team.callsign} · stale ${age}` : `${team.callsign} · ${age}`;
}

/** Which labels win when they would overlap: teams at work and teams gone silent first. */
const LABEL_PRIORITY: Record<TeamStatus, number> = {
	on_scene: 0,
	en_route: 1,
	returning: 3,
	available: 4,
	out_of_service: 5
};

export function labelPriority(team: TeamView, now: number): number {
	if (isStale(team, now)) return 2;
	return team.status ? LABEL_PRIORITY[team.status] : 5;
}

export function placedTeams(rows: readonly TeamView[]): PlacedTeam[] {
	return rows.filter(
		(t): t is PlacedTeam =>
			t.lat !== null && t.lon !== null && Number.isFinite(t.lat) && Number.isFinite(t.lon)
	);
}

/** Changes only when a team turns stale or fresh, so colours are not recomputed every tick. */
function staleKey(rows: readonly TeamView[], now: number): string {
	return rows
		.filter((t) => isStale(t, now))
		.map((t) => t.id)
		.join(',');
}

export function teamsLayer(rows: readonly PlacedTeam[], ui: MapUi) {
	return new ScatterplotLayer<PlacedTeam>({
		id: 'teams',
		data: rows,
		getPosition: (t) => [t.lon, t.lat],
		getFillColor: (t) => teamColour(t, ui.now),
		getLineColor: [235, 241, 250, 255],
		getRadius: TEAM_RADIUS_PX,
		radiusUnits: 'pixels',
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: 2,
		updateTriggers: { getFillColor: staleKey(rows, ui.now) }
	});
}

export interface TeamLabel extends LabelCandidate {
	team: PlacedTeam;
	stale: boolean;
}

const LABEL_SIZE_PX = 18;
const LABEL_GAP_PX = TEAM_RADIUS_PX + 6;
/** Right of the dot; left of it when the right is taken. */
const LEFT: Placement = { offset: [-LABEL_GAP_PX, 0], anchor: 'end' };

/** Every team's label, most important first; the wall's label placement keeps those that fit. */
export function teamLabelCandidates(rows: readonly PlacedTeam[], now: number): TeamLabel[] {
	return rows
		.map((team) => ({
			team,
			lon: team.lon,
			lat: team.lat,
			text: teamLabel(team, now),
			size: LABEL_SIZE_PX,
			offset: [LABEL_GAP_PX, 0] as const,
			anchor: 'start' as const,
			alternatives: [LEFT],
			stale: isStale(team, now),
			rank: labelPriority(team, now)
		}))
		.sort((a, b) => a.rank - b.rank || a.team.callsign.localeCompare(b.team.callsign));
}

/** Labels for the teams, already placed (see labels.ts). */
export function teamLabelsLayer(labels: readonly TeamLabel[], ui: MapUi) {
	return new TextLayer<TeamLabel>({
		id: 'team-labels',
		data: labels,
		...placedLabelProps,
		getColor: (l) => (l.stale ? rgba('#AEB8C8') : rgba('#EEF3FA')),
		getSize: LABEL_SIZE_PX,
		// The data is rebuilt with every change; the triggers document what the accessors follow.
		updateTriggers: { getText: ui.now, getColor: ui.now }
	});
}
