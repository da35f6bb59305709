/**
 * The wall's layer list, bottom to top. Rebuilt on every change and handed to one overlay with
 * `setProps({ layers })`: deck.gl matches layers by id and only redoes what changed. Derived
 * arrays are memoised on the identity of their inputs, which change only when live data does.
 */
import type { Layer } from '@deck.gl/core';
import type {
	HazardView,
	IncidentView,
	SensorView,
	SettingsView,
	ShelterView,
	TeamView,
	TrailPoint
} from '$lib/live/types';
import { memoByRef, type MapUi } from './common';
import { hazardsLayer } from './hazards';
import { alertLabelsLayer, alertsLayer } from './alerts';
import type { ActiveAlert } from '$lib/wall/alerts';
import {
	incidentGlyphsLayer,
	incidentPulseLayer,
	incidentSeverityLayer,
	incidentsLayer,
	unacknowledgedOf
} from './incidents';
import { placeLabels, type PlacedLabels } from './labels';
import { BUILTIN_PLACES, builtinPlaceLabels, placesLayer } from './places';
import { placedSensors, sensorsLayer } from './sensors';
import { shelterLabelsLayer, sheltersLayer } from './shelters';
import { hazardLabelsLayer } from './hazard-labels';
import {
	assignmentsLayer,
	assignmentsOf,
	placedTeams,
	teamLabelsLayer,
	teamsLayer,
	trailPathsOf,
	trailsLayer
} from './teams';

export type { MapLocale, MapUi } from './common';

export interface WallRows {
	teams: readonly TeamView[];
	/** Only what the wall shows: verified (open or contained) incidents. */
	incidents: readonly IncidentView[];
	sensors: readonly SensorView[];
	hazards: readonly HazardView[];
	shelters: readonly ShelterView[];
	/** CAP alerts in force (wall/alerts.ts activeAlerts). */
	alerts?: readonly ActiveAlert[];
	/** Each team's positions of the last 30 minutes (LiveState.trails). */
	trails?: ReadonlyMap<string, readonly TrailPoint[]>;
	/** The EOC's settings: the stale limit for teams (staleAfterMin). */
	settings?: Pick<SettingsView, 'staleAfterMin'>;
}

/** What the map draws: the layers, and the few that animate (null when nothing pulses). */
export interface WallLayerSet {
	layers: Layer[];
	/** Layers for wall-clock time `t` (ms), drawn on top; only these change from frame to frame. */
	animate: ((t: number) => Layer[]) | null;
	/** The inputs the layers were built with (the map builds the reference layers alike). */
	ui: MapUi;
}

const placedTeamsOf = memoByRef(placedTeams);
const placedSensorsOf = memoByRef(placedSensors);
const NO_TRAILS: ReadonlyMap<string, readonly TrailPoint[]> = new Map();
const NO_ALERTS: readonly ActiveAlert[] = [];

function withStale(rows: WallRows, input: MapUi): MapUi {
	return {
		...input,
		staleAfterMs:
			input.staleAfterMs ?? (rows.settings ? rows.settings.staleAfterMin * 60_000 : undefined)
	};
}

/**
 * Label placement over every symbol: the costly part of the map (hundreds of ms at 10,000 teams),
 * so the wall runs it on its own cadence and hands the result to wallLayers.
 */
export function wallLabels(rows: WallRows, input: MapUi): PlacedLabels {
	const ui = withStale(rows, input);
	const teams = placedTeamsOf(rows.teams);
	const sensors = placedSensorsOf(rows.sensors);
	const { incidents, shelters, hazards } = rows;
	const places = builtinPlaceLabels(BUILTIN_PLACES, ui.locale, ui.scale);
	return placeLabels({ teams, incidents, sensors, shelters, hazards }, places, ui);
}

export function wallLayers(rows: WallRows, input: MapUi, placed?: PlacedLabels): WallLayerSet {
	const ui = withStale(rows, input);
	const teams = placedTeamsOf(rows.teams);
	const sensors = placedSensorsOf(rows.sensors);
	const { incidents, shelters, hazards } = rows;
	const labels = placed ?? wallLabels(rows, input);
	const pulsing = unacknowledgedOf(incidents);
	return {
		layers: [
			hazardsLayer(hazards, ui),
			alertsLayer(rows.alerts ?? NO_ALERTS, ui),
			trailsLayer(trailPathsOf(rows.trails ?? NO_TRAILS), ui),
			assignmentsLayer(assignmentsOf(teams, incidents), ui),
			placesLayer(labels.places, ui),
			hazardLabelsLayer(labels.hazards, ui),
			sheltersLayer(shelters, ui),
			shelterLabelsLayer(labels.shelters, ui),
			sensorsLayer(sensors, ui),
			incidentsLayer(incidents, ui),
			incidentGlyphsLayer(incidents, ui),
			incidentSeverityLayer(incidents, ui),
			alertLabelsLayer(rows.alerts ?? NO_ALERTS, ui),
			teamsLayer(teams, ui),
			teamLabelsLayer(labels.teams, ui)
		],
		animate: pulsing.length ? (t) => [incidentPulseLayer(pulsing, ui, t)] : null,
		ui
	};
}
