/**
 * The wall's layer list, bottom to top. Rebuilt on every change and handed to one overlay with
 * `setProps({ layers })`: deck.gl matches layers by id and only redoes what changed. Derived
 * arrays are memoised on the identity of their inputs, which change only when live data does.
 */
import type { Layer } from '@deck.gl/core';
import type {
	AlarmView,
	HazardView,
	IncidentView,
	ResourceKindView,
	ResourceView,
	SensorView,
	SettingsView,
	ShelterView,
	StockView,
	TeamView,
	TrailPoint
} from '$lib/live/types';
import { memoByRef, memoLast, type MapUi } from './common';
import { hazardsLayer } from './hazards';
import {
	alarmOuterLayer,
	alarmPulseLayer,
	alarmsLayer,
	placedAlarmsOf,
	pulsingAlarmsOf,
	type PlacedAlarm
} from './alarms';
import { alertLabelsLayer, alertsLayer } from './alerts';
import type { ActiveAlert } from '$lib/wall/state/alerts';
import {
	incidentGlyphsLayer,
	incidentPulseLayer,
	incidentSeverityLayer,
	incidentsLayer,
	unacknowledgedOf
} from './incidents';
import { placeLabels, type PlacedLabels } from './labels';
import type { PlaceLabelRow } from '$lib/places';
import { BUILTIN_PLACES, placeLabelCandidates, placesLayer } from './places';
import {
	placedResourceParts,
	resourceKindsLayer,
	resourceLabelsLayer,
	resourcesLayer,
	storeMarkers,
	storesLayer
} from './resources';
import { placedSensors, sensorsLayer } from './sensors';
import { shelterLabelsLayer, sheltersLayer } from './shelters';
import { hazardLabelsLayer } from './hazard-labels';
import type { Source } from '$lib/wall/state/per-chunk';
import { joinParts, type Parts } from './parts';
import {
	assignmentParts,
	assignmentsLayer,
	placedTeamParts,
	type PlacedTeam,
	teamLabelsLayer,
	teamsLayer,
	trailParts,
	trailsLayer
} from './teams';

export type { MapLocale, MapUi } from './common';

export interface WallRows {
	/** The live teams (LiveState.teams, chunked: an update redoes one chunk's rows), or an array. */
	teams: Source<TeamView>;
	/** Only what the wall shows: verified (open or contained) incidents. */
	incidents: readonly IncidentView[];
	sensors: readonly SensorView[];
	hazards: readonly HazardView[];
	shelters: readonly ShelterView[];
	/** CAP alerts in force (wall/state/alerts.ts activeAlerts). */
	alerts?: readonly ActiveAlert[];
	/** Alarms (fired rules): the active ones with a position get a ring, pulsing until acknowledged. */
	alarms?: readonly AlarmView[];
	/** Each team's positions of the last 30 minutes (LiveState.trails). */
	trails?: Source<readonly TrailPoint[]>;
	/** The EOC's settings: the stale limit for teams (staleAfterMin). */
	settings?: Pick<SettingsView, 'staleAfterMin'>;
	/** Settlements to name (places.ts loadPlaceLabels); the built-in Kulob until they load. */
	places?: readonly PlaceLabelRow[];
	/** The register's equipment (LiveState.resources, chunked like the teams), beside the teams. */
	resources?: Source<ResourceView>;
	/** The kinds, for the short label on each resource's badge (LiveState.resourceKinds). */
	resourceKinds?: ReadonlyMap<string, ResourceKindView>;
	/** Supplies per store and kind (LiveState.stock): a marker for each store that holds any. */
	stock?: Source<StockView>;
}

/** What the map draws: the layers, and the few that animate (null when nothing pulses). */
export interface WallLayerSet {
	layers: Layer[];
	/** Layers for wall-clock time `t` (ms), drawn on top; only these change from frame to frame. */
	animate: ((t: number) => Layer[]) | null;
	/** The inputs the layers were built with (the map builds the reference layers alike). */
	ui: MapUi;
}

const placedSensorsOf = memoByRef(placedSensors);
const NO_TRAILS: readonly (readonly TrailPoint[])[] = [];
/** All placed teams in one array, per version of the live teams. */
const placedTeamsOf = memoLast((teams: Source<TeamView>) => joinParts(placedTeamParts(teams)));
const NO_ALERTS: readonly ActiveAlert[] = [];
const NO_ALARMS: readonly AlarmView[] = [];
const placeCandidatesOf = memoLast(placeLabelCandidates);
const NO_RESOURCES: readonly ResourceView[] = [];
const NO_KINDS: ReadonlyMap<string, ResourceKindView> = new Map();
const NO_STOCK: readonly StockView[] = [];
/** All placed resources in one array, per version of the live resources. */
const placedResourcesOf = memoLast((resources: Source<ResourceView>) =>
	joinParts(placedResourceParts(resources))
);
const storesOf = memoLast(storeMarkers);

const staleUis = new WeakMap<MapUi, Map<number | undefined, MapUi>>();

/** The UI with the EOC's stale limit; the same object for the same inputs (layers are kept by it). */
function withStale(rows: WallRows, input: MapUi): MapUi {
	const staleAfterMs =
		input.staleAfterMs ?? (rows.settings ? rows.settings.staleAfterMin * 60_000 : undefined);
	let byLimit = staleUis.get(input);
	if (!byLimit) staleUis.set(input, (byLimit = new Map()));
	let ui = byLimit.get(staleAfterMs);
	if (!ui) byLimit.set(staleAfterMs, (ui = { ...input, staleAfterMs }));
	return ui;
}

/*
 * A layer whose rows and UI are the objects it was last built from is the same layer: a live
 * update builds new layers for what it changed only (deck.gl takes a layer it already has as
 * unchanged). The last build only: the inputs change with the updates (common.ts memoLast).
 */
const layerOf = {
	hazards: memoLast(hazardsLayer),
	alerts: memoLast(alertsLayer),
	places: memoLast(placesLayer),
	hazardLabels: memoLast(hazardLabelsLayer),
	shelters: memoLast(sheltersLayer),
	shelterLabels: memoLast(shelterLabelsLayer),
	sensors: memoLast(sensorsLayer),
	incidents: memoLast(incidentsLayer),
	incidentGlyphs: memoLast(incidentGlyphsLayer),
	incidentSeverity: memoLast(incidentSeverityLayer),
	alertLabels: memoLast(alertLabelsLayer),
	teams: memoLast(teamsLayer),
	teamLabels: memoLast(teamLabelsLayer),
	trails: memoLast(trailsLayer),
	alarms: memoLast(alarmsLayer),
	alarmsOuter: memoLast(alarmOuterLayer),
	assignments: memoLast(assignmentsLayer),
	resources: memoLast(resourcesLayer),
	resourceKinds: memoLast(resourceKindsLayer),
	resourceLabels: memoLast(resourceLabelsLayer),
	stores: memoLast(storesLayer)
};
/** The assignment lines, joined once per version of the teams and of the incidents. */
const assignedOf = memoLast((teams: Parts<PlacedTeam>, incidents: readonly IncidentView[]) =>
	joinParts(assignmentParts(teams, incidents))
);
/**
 * The pulse for the unacknowledged incidents and alarms, the same function while they and the UI
 * are; null when nothing pulses.
 */
const pulseOf = memoLast(
	(pulsing: readonly IncidentView[], alarms: readonly PlacedAlarm[], ui: MapUi) =>
		pulsing.length || alarms.length
			? (t: number) => [
					...(pulsing.length ? [incidentPulseLayer(pulsing, ui, t)] : []),
					...(alarms.length ? [alarmPulseLayer(alarms, ui, t)] : [])
				]
			: null
);

/**
 * Label placement over every symbol: the costly part of the map (hundreds of ms at 10,000 teams),
 * so the wall runs it on its own cadence and hands the result to wallLayers.
 */
export function wallLabels(rows: WallRows, input: MapUi): PlacedLabels {
	const ui = withStale(rows, input);
	const teams = placedTeamsOf(rows.teams);
	const sensors = placedSensorsOf(rows.sensors);
	const { incidents, shelters, hazards } = rows;
	const places = placeCandidatesOf(rows.places ?? BUILTIN_PLACES, ui);
	const resources = placedResourcesOf(rows.resources ?? NO_RESOURCES);
	const stores = storesOf(rows.stock ?? NO_STOCK);
	return placeLabels(
		{ teams, incidents, sensors, shelters, hazards, resources, stores },
		places,
		ui
	);
}

export function wallLayers(rows: WallRows, input: MapUi, placed?: PlacedLabels): WallLayerSet {
	const ui = withStale(rows, input);
	const teams = placedTeamsOf(rows.teams);
	const sensors = placedSensorsOf(rows.sensors);
	const { incidents, shelters, hazards } = rows;
	const labels = placed ?? wallLabels(rows, input);
	const pulsing = unacknowledgedOf(incidents);
	const assigned = assignedOf(placedTeamParts(rows.teams), incidents);
	const alerts = rows.alerts ?? NO_ALERTS;
	const alarms = placedAlarmsOf(rows.alarms ?? NO_ALARMS);
	const resources = placedResourcesOf(rows.resources ?? NO_RESOURCES);
	const kinds = rows.resourceKinds ?? NO_KINDS;
	return {
		layers: [
			layerOf.hazards(hazards, ui),
			layerOf.alerts(alerts, ui),
			layerOf.trails(trailParts(rows.trails ?? NO_TRAILS), ui),
			layerOf.assignments(assigned, ui),
			layerOf.alarms(alarms, ui),
			layerOf.alarmsOuter(alarms, ui),
			layerOf.places(labels.places, ui),
			layerOf.hazardLabels(labels.hazards, ui),
			layerOf.shelters(shelters, ui),
			layerOf.shelterLabels(labels.shelters, ui),
			layerOf.stores(storesOf(rows.stock ?? NO_STOCK), ui),
			layerOf.sensors(sensors, ui),
			layerOf.incidents(incidents, ui),
			layerOf.incidentGlyphs(incidents, ui),
			layerOf.incidentSeverity(incidents, ui),
			layerOf.alertLabels(alerts, ui),
			// Resources under the teams: a team stands on the excavator it drives.
			layerOf.resources(resources, ui),
			layerOf.resourceKinds(resources, kinds, ui),
			layerOf.resourceLabels(labels.resources, ui),
			layerOf.teams(teams, ui),
			layerOf.teamLabels(labels.teams, ui)
		],
		animate: pulseOf(pulsing, pulsingAlarmsOf(alarms), ui),
		ui
	};
}
