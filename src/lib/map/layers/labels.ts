/**
 * Label placement for the whole map: one greedy pass in priority order (team labels, then place
 * names), never over another label or over any symbol. Pure; the zoom comes in through `ui`.
 */
import type { IncidentView, ShelterView } from '$lib/live/types';
import type { MapUi } from './common';
import { declutter, type LabelCandidate, type Obstacle } from './declutter';
import { INCIDENT_CORE_PX } from './incidents';
import type { PlaceLabel } from './places';
import { SENSOR_RADIUS_PX, type PlacedSensor } from './sensors';
import { SHELTER_RADIUS_PX } from './shelters';
import { TEAM_RADIUS_PX, teamLabelCandidates, type PlacedTeam, type TeamLabel } from './teams';

export interface Symbols {
	teams: readonly PlacedTeam[];
	incidents: readonly IncidentView[];
	sensors: readonly PlacedSensor[];
	shelters: readonly ShelterView[];
}

/**
 * Every symbol drawn on the map, as a disc a label must stay clear of (with a 2 px margin). For an
 * incident only its core with the severity number counts: the teams on scene stand on it, and
 * their labels may cross its ring.
 */
export function symbolObstacles(s: Symbols): Obstacle[] {
	const at = (lon: number, lat: number, radius: number) => ({ lon, lat, radius: radius + 2 });
	return [
		...s.teams.map((t) => at(t.lon, t.lat, TEAM_RADIUS_PX)),
		...s.incidents.map((i) => at(i.lon, i.lat, INCIDENT_CORE_PX)),
		...s.sensors.map((x) => at(x.lon, x.lat, SENSOR_RADIUS_PX)),
		...s.shelters.map((x) => at(x.lon, x.lat, SHELTER_RADIUS_PX))
	];
}

export function placeLabels(
	symbols: Symbols,
	places: readonly PlaceLabel[],
	ui: MapUi
): { teams: TeamLabel[]; places: PlaceLabel[] } {
	const teams = teamLabelCandidates(symbols.teams, ui.now);
	const kept = declutter<TeamLabel | PlaceLabel>(
		[...teams, ...places],
		ui.zoom,
		symbolObstacles(symbols)
	);
	const placed = <T extends LabelCandidate>(labels: readonly T[]): T[] =>
		labels.flatMap((l) => {
			const at = kept.get(l);
			return at ? [{ ...l, offset: at.offset, anchor: at.anchor }] : [];
		});
	return { teams: placed(teams), places: placed(places) };
}
