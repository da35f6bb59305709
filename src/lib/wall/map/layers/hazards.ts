/**
 * Hazard extents (a mudflow's inundated area): translucent fills under everything else, shaded by
 * depth on a sequential ramp (deeper is darker and more opaque), with an outline in the hazard's
 * colour. The data already holds only the newest extent per hazard.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import { formatNumber } from '$lib/i18n';
import { TYPE_WORD } from '$lib/i18n/words';
import type { HazardView, IncidentType } from '$lib/live/types';
import { m } from '$lib/paraglide/messages';
import { rgba, type Rgba } from '../palette';
import { memoByRef, px, type MapUi } from './common';

/** Outline per hazard kind; earth-orange for flows of mud and rock, blue for water. */
const HAZARD_LINE: Record<string, string> = {
	mudflow: '#E69F00',
	debris_flow: '#E69F00',
	landslide: '#E69F00',
	flood: '#56B4E9',
	fire: '#D55E00'
};
const OTHER_LINE = '#E69F00';

/**
 * Depth ramp, upper bound in metres → colour: a single-hue brown sequence (ColorBrewer YlOrBr),
 * readable on the dark map and by colour-blind viewers because it runs light to dark.
 */
export const DEPTH_RAMP: readonly [number, string][] = [
	[0.5, '#FEE391'],
	[1, '#FEC44F'],
	[2, '#FE9929'],
	[3, '#D95F0E'],
	[Infinity, '#993404']
];
/** Water is shaded on a blue sequence (ColorBrewer Blues). */
export const FLOOD_RAMP: readonly [number, string][] = [
	[0.5, '#C6DBEF'],
	[1, '#9ECAE1'],
	[2, '#6BAED6'],
	[3, '#3182BD'],
	[Infinity, '#08519C']
];
/** Depth unknown: the middle of the ramp, fainter. */
const UNKNOWN_DEPTH_ALPHA = 90;

export function hazardFill(kind: string, depthM: number | null = null): Rgba {
	const ramp = kind === 'flood' ? FLOOD_RAMP : DEPTH_RAMP;
	if (depthM === null || !Number.isFinite(depthM)) return rgba(ramp[2][1], UNKNOWN_DEPTH_ALPHA);
	const step = ramp.findIndex(([max]) => depthM <= max);
	// Deeper is also more opaque: 110 at the shallow end to 190 at the deep end.
	return rgba(ramp[step][1], 110 + step * 20);
}

export function hazardLine(kind: string): Rgba {
	return rgba(HAZARD_LINE[kind] ?? OTHER_LINE, 230);
}

type HazardFeature = GeoJSON.Feature<HazardView['geometry'], HazardView>;

export function hazardFeatures(rows: readonly HazardView[]): HazardFeature[] {
	return rows.map((h) => ({ type: 'Feature', geometry: h.geometry, properties: h }));
}

const featuresOf = memoByRef(hazardFeatures);

export function hazardsLayer(rows: readonly HazardView[], ui: MapUi) {
	return new GeoJsonLayer<HazardView>({
		id: 'hazards',
		data: featuresOf(rows),
		filled: true,
		stroked: true,
		getFillColor: (f) => hazardFill(f.properties.kind, f.properties.depthM),
		getLineColor: (f) => hazardLine(f.properties.kind),
		getLineWidth: px(ui, 2.5),
		lineWidthUnits: 'pixels',
		updateTriggers: {}
	});
}

/** The northernmost point of an extent: where its label goes, above the area it names. */
export function hazardLabelPoint(h: HazardView): [number, number] {
	const rings =
		h.geometry.type === 'Polygon'
			? [h.geometry.coordinates[0]]
			: h.geometry.coordinates.map((p) => p[0]);
	let best: GeoJSON.Position = rings[0][0];
	for (const ring of rings) for (const p of ring) if (p[1] > best[1]) best = p;
	return [best[0], best[1]];
}

/**
 * "Mudflow · 2.1 m" ("Сель · 2,1 м"): the kind in the screen's language when it is one the wall
 * knows (as sent otherwise), and its depth as sent, without a "≤" or "≥": a drill's nested depth
 * bands send each band's lower bound, a field device whatever depth it measured.
 */
export function hazardLabelText(h: HazardView): string {
	const kind =
		// hasOwn, not `in`: a device may send the kind "constructor".
		Object.hasOwn(TYPE_WORD, h.kind)
			? TYPE_WORD[h.kind as IncidentType]()
			: h.kind.replace(/_/g, ' ');
	return h.depthM === null || !Number.isFinite(h.depthM)
		? kind
		: `${kind} · ${m.wall_depth_m({ n: formatNumber(h.depthM, undefined, 1) })}`;
}
