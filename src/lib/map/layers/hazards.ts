/** Hazard extents (a mudflow's inundated area): translucent fills under everything else. */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { HazardView } from '$lib/live/types';
import { rgba, type Rgba } from '../palette';
import { memoByRef, type MapUi } from './common';

/** Fill and outline per hazard kind; earth-brown with an orange edge for flows of mud and rock. */
const HAZARD_HEX: Record<string, { fill: string; line: string }> = {
	mudflow: { fill: '#A0622D', line: '#E69F00' },
	debris_flow: { fill: '#A0622D', line: '#E69F00' },
	landslide: { fill: '#A0622D', line: '#E69F00' },
	flood: { fill: '#56B4E9', line: '#56B4E9' },
	fire: { fill: '#D55E00', line: '#D55E00' }
};
const OTHER_HEX = { fill: '#E69F00', line: '#E69F00' };

export function hazardFill(kind: string): Rgba {
	return rgba((HAZARD_HEX[kind] ?? OTHER_HEX).fill, 110);
}

export function hazardLine(kind: string): Rgba {
	return rgba((HAZARD_HEX[kind] ?? OTHER_HEX).line, 230);
}

type HazardFeature = GeoJSON.Feature<HazardView['geometry'], HazardView>;

export function hazardFeatures(rows: readonly HazardView[]): HazardFeature[] {
	return rows.map((h) => ({ type: 'Feature', geometry: h.geometry, properties: h }));
}

const featuresOf = memoByRef(hazardFeatures);

export function hazardsLayer(rows: readonly HazardView[], _ui: MapUi) {
	return new GeoJsonLayer<HazardView>({
		id: 'hazards',
		data: featuresOf(rows),
		filled: true,
		stroked: true,
		getFillColor: (f) => hazardFill(f.properties.kind),
		getLineColor: (f) => hazardLine(f.properties.kind),
		getLineWidth: 2,
		lineWidthUnits: 'pixels',
		updateTriggers: {}
	});
}
