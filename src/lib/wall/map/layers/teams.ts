/**
 * Field teams on the map (docs/design.md): a symbol in the status colour (available a circle, en route
 * and on scene triangles pointing along the heading, returning and out of service squares), grey
 * and dashed with ⚠ in the label once silent past the EOC's stale limit; the callsign and the
 * age of the last report; the trail of the last 30 minutes; a line to the assigned incident.
 */
import { IconLayer, LineLayer, TextLayer } from '@deck.gl/layers';
import { compareText } from '$lib/format';
import { ageWord } from '$lib/i18n/words';
import type { IncidentView, TeamStatus, TeamView } from '$lib/live/types';
import { ICON_MAPPING, ICON_ATLAS, STATUS_SHAPE } from '../icons';
import { rgba, STALE_HEX, STATUS_HEX, type Rgba } from '../palette';
import { memoByRef, memoLast, placedLabelProps, px, type MapUi } from './common';
import type { LabelCandidate, Placement } from './declutter';
import { objectSlot, perChunk } from '$lib/wall/state/per-chunk';
import { DEFAULT_STALE_AFTER_MS, isTeamStale, lastReportMs } from '$lib/wall/state/stale';
import { partsDiff, partsOfRows, type Parts } from './parts';
import { TrailsLayer, type Trail } from './trails-layer';

/** Half the symbol's size: what labels keep clear of. */
export const TEAM_RADIUS_PX = 13;

export type PlacedTeam = TeamView & { lat: number; lon: number };

export function teamColour(
	team: TeamView,
	now: number,
	staleAfterMs = DEFAULT_STALE_AFTER_MS
): Rgba {
	if (isTeamStale(team, now, staleAfterMs) || !team.status) return rgba(STALE_HEX);
	return rgba(STATUS_HEX[team.status]);
}

/** The atlas icon: the status's shape and colour, or the same shape grey and dashed when stale. */
export function teamIcon(
	team: TeamView,
	now: number,
	staleAfterMs = DEFAULT_STALE_AFTER_MS
): string {
	const shape = team.status ? STATUS_SHAPE[team.status] : 'square';
	if (!team.status || isTeamStale(team, now, staleAfterMs)) return `team-stale-${shape}`;
	return `team-${team.status}`;
}

/** deck.gl turns icons counter-clockwise; a heading turns clockwise from north. */
export function teamAngle(team: TeamView): number {
	if (!team.status || STATUS_SHAPE[team.status] !== 'triangle') return 0;
	return team.headingDeg !== null && Number.isFinite(team.headingDeg) ? -team.headingDeg : 0;
}

/** "KR-2 · 1 min", or "⚠ KR-5 · 14 min" when stale. The status is the symbol and the roster's word. */
export function teamLabel(
	team: TeamView,
	now: number,
	staleAfterMs = DEFAULT_STALE_AFTER_MS
): string {
	const last = lastReportMs(team);
	const age = last === null ? '—' : ageWord(now - last);
	return isTeamStale(team, now, staleAfterMs)
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

export function labelPriority(
	team: TeamView,
	now: number,
	staleAfterMs = DEFAULT_STALE_AFTER_MS
): number {
	if (isTeamStale(team, now, staleAfterMs)) return 2;
	return team.status ? LABEL_PRIORITY[team.status] : 5;
}

export function placedTeams(rows: readonly TeamView[]): PlacedTeam[] {
	return rows.filter(
		(t): t is PlacedTeam =>
			t.lat !== null && t.lon !== null && Number.isFinite(t.lat) && Number.isFinite(t.lon)
	);
}

/** Placed teams per chunk of the live teams: one moved team makes one new part. */
export const placedTeamParts = memoLast(perChunk(placedTeams));

const staleKeys = objectSlot<{ at: number; after: number; key: string }>();

/**
 * Changes only when a team turns stale or fresh, so icons are not recomputed every tick. Kept per
 * part of the rows: a live update recomputes the key of the part it changed, not of every team.
 */
function staleKey(rows: readonly TeamView[], now: number, staleAfterMs: number): string {
	return partsOfRows(rows)
		.map((part) => {
			const held = staleKeys.get(part);
			if (held && held.at === now && held.after === staleAfterMs) return held.key;
			const key = part
				.filter((t) => isTeamStale(t, now, staleAfterMs))
				.map((t) => t.id)
				.join(',');
			staleKeys.set(part, { at: now, after: staleAfterMs, key });
			return key;
		})
		.join(',');
}

export const TEAM_ICON_PX = 28;

export function teamsLayer(rows: readonly PlacedTeam[], ui: MapUi) {
	const staleAfterMs = ui.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
	return new IconLayer<PlacedTeam>({
		id: 'teams',
		data: rows,
		// Rows joined from parts: only the rows of a changed part get new attributes.
		_dataDiff: partsDiff,
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

export type { Trail } from './trails-layer';

/** Trails with a line to draw: two points or more (a team with one point has no trail yet). */
function trailsOf(trails: readonly Trail[]): Trail[] {
	return trails.filter((t) => t.length >= 2);
}

/**
 * Each team's last 30 minutes as drawn: the points themselves (the layer reads the longitude and
 * latitude of each and leaves the time), so no second copy of 10,000 trails is kept.
 */
export function trailPaths(trails: ReadonlyMap<string, Trail>): Trail[] {
	return trailsOf([...trails.values()]);
}

/** The paths per chunk of the live trails: an update makes one new part. */
export const trailParts = memoLast(perChunk(trailsOf));

/** Trails under the symbols, thin and quiet: where a team came from, not where it is. */
export function trailsLayer(parts: Parts<Trail>, ui: MapUi) {
	return new TrailsLayer({ id: 'team-trails', data: parts, widthPx: px(ui, 3) });
}

export interface Assignment {
	teamId: string;
	status: TeamStatus | null;
	from: [number, number];
	to: [number, number];
}

const incidentPoints = memoByRef(
	(incidents: readonly IncidentView[]) =>
		new Map(incidents.map((i) => [i.id, [i.lon, i.lat] as [number, number]]))
);

/** A line from each placed team to the incident it is assigned to (when that incident is shown). */
export function assignments(
	teams: readonly PlacedTeam[],
	incidents: readonly IncidentView[]
): Assignment[] {
	const at = incidentPoints(incidents);
	return teams.flatMap((t) => {
		const to = t.incidentId ? at.get(t.incidentId) : undefined;
		return to ? [{ teamId: t.id, status: t.status, from: [t.lon, t.lat], to }] : [];
	});
}
const linesOfPart = objectSlot<{ incidents: readonly IncidentView[]; lines: Assignment[] }>();

/** The lines per part of the placed teams: a moved team redoes its part's lines only. */
export function assignmentParts(
	teams: Parts<PlacedTeam>,
	incidents: readonly IncidentView[]
): Parts<Assignment> {
	return teams.map((part) => {
		const held = linesOfPart.get(part);
		if (held && held.incidents === incidents) return held.lines;
		const lines = assignments(part, incidents);
		linesOfPart.set(part, { incidents, lines });
		return lines;
	});
}

export function assignmentsLayer(rows: readonly Assignment[], ui: MapUi) {
	return new LineLayer<Assignment>({
		id: 'team-assignments',
		data: rows,
		_dataDiff: partsDiff,
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
	staleAfterMs = DEFAULT_STALE_AFTER_MS,
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
			stale: isTeamStale(team, now, staleAfterMs),
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
