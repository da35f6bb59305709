/**
 * The console map's layer list: the wall's builders (src/lib/wall/map/layers) over the console's
 * picture, so both screens draw incidents, teams, resources, stores, hazards, gauges, alarms and
 * place names alike. This is the one place the console's list is put together: a layer of the console's own is
 * added to `extra` below and the map draws it on top.
 */
import type { Layer } from '@deck.gl/core';
import type { LiveState } from '$lib/live/live.svelte';
import type { IncidentView } from '$lib/live/types';
import type { PlaceLabelRow } from '$lib/places';
import { wallLayers, type MapUi, type WallLayerSet, type WallRows } from '$lib/wall/map/layers';
import { activeAlerts } from '$lib/wall/state/alerts';
import { selectedLayer } from './selected-layer';

/** What the console map draws, from the page's live state and its incidents list. */
export function consoleRows(
	live: LiveState,
	incidents: readonly IncidentView[],
	now: number,
	locale: string,
	places?: readonly PlaceLabelRow[]
): WallRows {
	return {
		teams: live.teams,
		incidents,
		sensors: [...live.sensors.values()],
		hazards: [...live.hazards.values()],
		shelters: [...live.shelters.values()],
		alerts: activeAlerts(live.alerts.values(), now, locale),
		alarms: [...live.alarms.values()],
		trails: live.trails,
		settings: live.settings,
		resources: live.resources,
		resourceKinds: live.resourceKinds,
		stock: live.stock,
		places
	};
}

/** The layers, bottom to top: the wall's, then the console's own additions on top. */
export function consoleLayers(
	rows: WallRows,
	ui: MapUi,
	selected: IncidentView | null
): WallLayerSet {
	const base = wallLayers(rows, ui);
	const extra: Layer[] = [selectedLayer(selected, ui)];
	return { ...base, layers: [...base.layers, ...extra] };
}
