/**
 * Field teams on the map (DESIGN.md): a symbol in the status colour (available a circle, en route
 * and on scene triangles pointing along the heading, returning and out of service squares), grey
 * and dashed with ⚠ in the label once silent past the EOC's stale limit; the callsign and the
 * age of the last report; the trail of the last 30 minutes; a line to the assigned incident.
 */
import { IconLayer, LineLayer, PathLayer, TextLayer } from '@deck.gl/layers';
import { compareText, formatAge, parseTs } from '$lib/format';
import type { IncidentView, TeamStatus, TeamView, TrailPoint } from '$lib/live/types';
import { ICON_MAPPING, ICON_ATLAS, STATUS_SHAPE } from '../icons';
import { rgba, STALE_HEX, STATUS_HEX, type Rgba } from '../palette';
import {
	DEFAULT_STALE_AFTER_MS,
	memoByRef,
	memoByRefs,
	placedLabelProps,
	px,
	type MapUi
} from './common';
import type { LabelCandidate, Placement } from './declutter';

export const STALE_AFTER_MS = DEFAULT_STALE_AFTER_MS;
/** Half the symbol's size: what labels keep clear of. */
export const TEAM_RADIUS_PX = 13;

export type PlacedTeam = TeamView & { lat: number; lon: number };

const reportMs = new WeakMap<TeamView, number | null>();

/**
 * The newest of its position and status times, or null when it never reported. Remembered per
 * team object (a change is a new object): the roster, the counts and the map ask it of every team
 * whenever the clock moves, and parsing two timestamps each time was most of their cost.
 */
export function lastReportMs(team: TeamView): number | null {
	let last = reportMs.get(team);
	if (last === undefined) {
		const times = [parseTs(team.positionTs), parseTs(team.statusTs)].filter(
			(t): t is number => t !== null
		);
		last = times.length ? Math.max(...times) : null;
		reportMs.set(team, last);
	}
	return last;
}

export function isStale(team: TeamView, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
	const last = lastReportMs(team);
	return last === null || now - last > staleAfterMs;
}

export function teamColour(team: TeamView, now: number, staleAfterMs = STALE_AFTER_MS): Rgba {
	if (isStale(team, now, staleAfterMs) || !team.status) return rgba(STALE_HEX);
	return rgba(STATUS_HEX[team.status]);
}

/** The atlas icon: the status's shape and colour, or the same shape grey and dashed when stale. */
export function teamIcon(team: TeamView, now: number, staleAfterMs = STALE_AFTER_MS): string {
	const shape = team.status ? STATUS_SHAPE[team.status] : 'square';
	if (!team.status || isStale(team, now, staleAfterMs)) return `team-stale-${shape}`;
	return `team-${team.status}`;
}

/** deck.gl turns icons counter-clockwise; a heading turns clockwise from north. */
export function teamAngle(team: TeamView): number {
	if (!team.status || STATUS_SHAPE[team.status] !== 'triangle') return 0;
	return team.headingDeg !== null && Number.isFinite(team.headingDeg) ? -team.headingDeg : 0;
}

/** "KR-2 · 1 min", or "⚠ KR-5 · 14 min" when stale. The status is the symbol and the roster's word. */
export function teamLabel(team: TeamView, now: number, staleAfterMs = STALE_AFTER_MS): string {
	const last = lastReportMs(team);
	const age = last === null ? '—' : formatAge(now - last);
	return isStale(team, now, staleAfterMs)
		? `⚠ ${team.callsign} · ${age}`
		: `${team.callsign} · ${age}`;
}

/** Which labels win when they would overlap: teams at work and teams gone silent first. */
const LABEL_PRIORITY: Record<TeamStatus, number> = {
	on_scene: 0,
	en_route: 1,
	returning: 3,
	available: 4,
	out_of_service: 5
};

export function labelPriority(team: TeamView, now: number, staleAfterMs = STALE_AFTER_MS): number {
	if (isStale(team, now, staleAfterMs)) return 2;
	return team.status ? LABEL_PRIORITY[team.status] : 5;
}

export function placedTeams(rows: readonly TeamView[]): PlacedTeam[] {
	return rows.filter(
		(t): t is PlacedTeam =>
			t.lat !== null && t.lon !== null && Number.isFinite(t.lat) && Number.isFinite(t.lon)
	);
}

/** Changes only when a team turns stale or fresh, so icons are not recomputed every tick. */
function staleKey(rows: readonly TeamView[], now: number, staleAfterMs: number): string {
	return rows
		.filter((t) => isStale(t, now, staleAfterMs))
		.map((t) => t.id)
		.join(',');
}

export const TEAM_ICON_PX = 28;

export function teamsLayer(rows: readonly PlacedTeam[], ui: MapUi) {
	const staleAfterMs = ui.staleAfterMs ?? STALE_AFTER_MS;
	return new IconLayer<PlacedTeam>({
		id: 'teams',
		data: rows,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: (t) => teamIcon(t, ui.now, staleAfterMs),
		getPosition: (t) => [t.lon, t.lat],
		getAngle: teamAngle,
		getSize: TEAM_ICON_PX,
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		updateTriggers: { getIcon: staleKey(rows, ui.now, staleAfterMs) }
	});
}

export interface Trail {
	id: string;
	path: [number, number][];
}

const pathOf = new WeakMap<readonly TrailPoint[], Trail>();

/**
 * Each team's last 30 minutes as a path; a team with one point has no trail yet. A position
 * update replaces one team's points, so each path is kept per points array: one update costs one
 * new path, not 10,000.
 */
export function trailPaths(trails: ReadonlyMap<string, readonly TrailPoint[]>): Trail[] {
	const out: Trail[] = [];
	for (const [id, points] of trails) {
		if (points.length < 2) continue;
		let trail = pathOf.get(points);
		if (!trail) {
			trail = { id, path: points.map(([lon, lat]) => [lon, lat]) };
			pathOf.set(points, trail);
		}
		out.push(trail);
	}
	return out;
}
export const trailPathsOf = memoByRef(trailPaths);

/** Trails under the symbols, thin and quiet: where a team came from, not where it is. */
export function trailsLayer(rows: readonly Trail[], ui: MapUi) {
	return new PathLayer<Trail>({
		id: 'team-trails',
		data: rows,
		getPath: (t) => t.path,
		getColor: [142, 160, 187, 150],
		getWidth: px(ui, 3),
		widthUnits: 'pixels',
		capRounded: true,
		jointRounded: true,
		updateTriggers: {}
	});
}

export interface Assignment {
	teamId: string;
	status: TeamStatus | null;
	from: [number, number];
	to: [number, number];
}

/** A line from each placed team to the incident it is assigned to (when that incident is shown). */
export function assignments(
	teams: readonly PlacedTeam[],
	incidents: readonly IncidentView[]
): Assignment[] {
	const at = new Map(incidents.map((i) => [i.id, [i.lon, i.lat] as [number, number]]));
	return teams.flatMap((t) => {
		const to = t.incidentId ? at.get(t.incidentId) : undefined;
		return to ? [{ teamId: t.id, status: t.status, from: [t.lon, t.lat], to }] : [];
	});
}
export const assignmentsOf = memoByRefs(assignments);

export function assignmentsLayer(rows: readonly Assignment[], ui: MapUi) {
	return new LineLayer<Assignment>({
		id: 'team-assignments',
		data: rows,
		getSourcePosition: (a) => a.from,
		getTargetPosition: (a) => a.to,
		getColor: (a) => rgba(a.status ? STATUS_HEX[a.status] : STALE_HEX, 170),
		getWidth: px(ui, 2.5),
		widthUnits: 'pixels',
		updateTriggers: {}
	});
}

export interface TeamLabel extends LabelCandidate {
	team: PlacedTeam;
	stale: boolean;
}

export const TEAM_LABEL_PX = 20;
const LABEL_GAP_PX = TEAM_RADIUS_PX + 6;

/** Every team's label, most important first; the wall's label placement keeps those that fit. */
export function teamLabelCandidates(
	rows: readonly PlacedTeam[],
	now: number,
	staleAfterMs = STALE_AFTER_MS,
	scale = 1
): TeamLabel[] {
	const gap = LABEL_GAP_PX * scale;
	// Right of the symbol; left of it when the right is taken.
	const left: Placement = { offset: [-gap, 0], anchor: 'end' };
	return rows
		.map((team) => ({
			team,
			lon: team.lon,
			lat: team.lat,
			text: teamLabel(team, now, staleAfterMs),
			size: TEAM_LABEL_PX * scale,
			offset: [gap, 0] as const,
			anchor: 'start' as const,
			alternatives: [left],
			stale: isStale(team, now, staleAfterMs),
			rank: labelPriority(team, now, staleAfterMs)
		}))
		.sort((a, b) => a.rank - b.rank || compareText(a.team.callsign, b.team.callsign));
}

/** Labels for the teams, already placed (see labels.ts). */
export function teamLabelsLayer(labels: readonly TeamLabel[], ui: MapUi) {
	return new TextLayer<TeamLabel>({
		id: 'team-labels',
		data: labels,
		...placedLabelProps,
		getColor: (l) => (l.stale ? rgba('#C4CCD8') : rgba('#EEF3FA')),
		getSize: (l) => l.size,
		// The data is rebuilt with every change; the triggers document what the accessors follow.
		updateTriggers: { getText: ui.now, getColor: ui.now }
	});
}
