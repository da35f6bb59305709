/**
 * Label placement for the whole map: one greedy pass in priority order (team labels, shelter
 * occupancy, hazard names, resource names, then place names), never over another label or over
 * any symbol. Pure; the zoom comes in through `ui`.
 */
import type { HazardView, IncidentView, ShelterView } from '$lib/live/types';
import type { MapUi } from './common';
import { DEFAULT_STALE_AFTER_MS } from '$lib/wall/state/stale';
import { declutter, type LabelCandidate, type Obstacle } from './declutter';
import { hazardLabelPoint, hazardLabelText } from './hazards';
import { INCIDENT_CORE_PX } from './incidents';
import type { PlaceLabel } from './places';
import {
	RESOURCE_RADIUS_PX,
	resourceLabelCandidates,
	STORE_RADIUS_PX,
	type PlacedResource,
	type ResourceLabel,
	type StoreMarker
} from './resources';
import { SENSOR_RADIUS_PX, type PlacedSensor } from './sensors';
import { SHELTER_RADIUS_PX, shelterLabelCandidates, type ShelterLabel } from './shelters';
import { TEAM_RADIUS_PX, teamLabelCandidates, type PlacedTeam, type TeamLabel } from './teams';

export interface Symbols {
	teams: readonly PlacedTeam[];
	incidents: readonly IncidentView[];
	sensors: readonly PlacedSensor[];
	shelters: readonly ShelterView[];
	hazards?: readonly HazardView[];
	resources?: readonly PlacedResource[];
	stores?: readonly StoreMarker[];
}

/**
 * Every symbol drawn on the map, as a disc a label must stay clear of (with a 2 px margin). For an
 * incident only its core with the glyph counts: the teams on scene stand on it, and their labels
 * may cross its ring.
 */
export function symbolObstacles(s: Symbols, scale = 1): Obstacle[] {
	const at = (lon: number, lat: number, radius: number) => ({
		lon,
		lat,
		radius: (radius + 2) * scale
	});
	return [
		...s.teams.map((t) => at(t.lon, t.lat, TEAM_RADIUS_PX)),
		...s.incidents.map((i) => at(i.lon, i.lat, INCIDENT_CORE_PX)),
		...s.sensors.map((x) => at(x.lon, x.lat, SENSOR_RADIUS_PX)),
		...s.shelters.map((x) => at(x.lon, x.lat, SHELTER_RADIUS_PX)),
		...(s.resources ?? []).map((r) => at(r.lon, r.lat, RESOURCE_RADIUS_PX)),
		...(s.stores ?? []).map((x) => at(x.lon, x.lat, STORE_RADIUS_PX))
	];
}

export const HAZARD_LABEL_PX = 19;

/** A hazard's name sits just above its northernmost point. */
export function hazardLabelCandidates(rows: readonly HazardView[], scale = 1): PlaceLabel[] {
	return rows.map((h) => {
		const [lon, lat] = hazardLabelPoint(h);
		return {
			lon,
			lat,
			text: hazardLabelText(h),
			size: HAZARD_LABEL_PX * scale,
			offset: [0, -16 * scale] as const,
			anchor: 'middle' as const,
			// Beside the top of the extent when above it is taken.
			alternatives: [
				{ offset: [22 * scale, 0] as const, anchor: 'start' as const },
				{ offset: [-22 * scale, 0] as const, anchor: 'end' as const }
			]
		};
	});
}

export interface PlacedLabels {
	teams: TeamLabel[];
	shelters: ShelterLabel[];
	hazards: PlaceLabel[];
	resources: ResourceLabel[];
	places: PlaceLabel[];
}

/** Team labels offered to placement, the most important first (stale, then working teams). */
export const MAX_TEAM_LABEL_CANDIDATES = 2000;
/** Resource names offered, likewise (at work first). */
export const MAX_RESOURCE_LABEL_CANDIDATES = 1000;

export function placeLabels(
	symbols: Symbols,
	places: readonly PlaceLabel[],
	ui: MapUi
): PlacedLabels {
	const scale = ui.scale ?? 1;
	const teams = teamLabelCandidates(
		symbols.teams,
		ui.now,
		ui.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
		scale
	);
	const shelters = shelterLabelCandidates(symbols.shelters, scale);
	const hazards = hazardLabelCandidates(symbols.hazards ?? [], scale);
	const resources = resourceLabelCandidates(symbols.resources ?? [], scale).slice(
		0,
		MAX_RESOURCE_LABEL_CANDIDATES
	);
	const kept = declutter<LabelCandidate>(
		// Candidates come by priority; past a few thousand none would find room on a wall anyway.
		[
			...teams.slice(0, MAX_TEAM_LABEL_CANDIDATES),
			...shelters,
			...hazards,
			...resources,
			...places
		],
		ui.zoom,
		symbolObstacles(symbols, scale)
	);
	const placed = <T extends LabelCandidate>(labels: readonly T[]): T[] =>
		labels.flatMap((l) => {
			const at = kept.get(l);
			return at ? [{ ...l, offset: at.offset, anchor: at.anchor }] : [];
		});
	return {
		teams: placed(teams),
		shelters: placed(shelters),
		hazards: placed(hazards),
		resources: placed(resources),
		places: placed(places)
	};
}
