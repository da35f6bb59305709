/**
 * The wall's layer list, bottom to top. Rebuilt on every change and handed to one overlay with
 * `setProps({ layers })`: deck.gl matches layers by id and only redoes what changed.
 */
import type { Layer } from '@deck.gl/core';
import type { HazardView, IncidentView, SensorView, ShelterView, TeamView } from '$lib/live/types';
import { memoByRef, type MapUi } from './common';
import { hazardsLayer } from './hazards';
import { incidentSeverityLayer, incidentsLayer } from './incidents';
import { placeLabels } from './labels';
import { PLACES, placesLayer } from './places';
import { placedSensors, sensorsLayer } from './sensors';
import { sheltersLayer } from './shelters';
import { placedTeams, teamLabelsLayer, teamsLayer } from './teams';

export type { MapUi } from './common';

export interface WallRows {
	teams: readonly TeamView[];
	/** Only what the wall shows: verified (open or contained) incidents. */
	incidents: readonly IncidentView[];
	sensors: readonly SensorView[];
	hazards: readonly HazardView[];
	shelters: readonly ShelterView[];
}

const placedTeamsOf = memoByRef(placedTeams);
const placedSensorsOf = memoByRef(placedSensors);

export function wallLayers(rows: WallRows, ui: MapUi): Layer[] {
	const teams = placedTeamsOf(rows.teams);
	const sensors = placedSensorsOf(rows.sensors);
	const { incidents, shelters } = rows;
	const labels = placeLabels({ teams, incidents, sensors, shelters }, PLACES, ui);
	return [
		placesLayer(labels.places, ui),
		hazardsLayer(rows.hazards, ui),
		sheltersLayer(shelters, ui),
		sensorsLayer(sensors, ui),
		incidentsLayer(incidents, ui),
		incidentSeverityLayer(incidents, ui),
		teamsLayer(teams, ui),
		teamLabelsLayer(labels.teams, ui)
	];
}
