/**
 * CAP alert areas (polygons and circles): a faint fill and a dashed-looking heavy outline in the
 * colour of the CAP severity, and a label "⚠ 4 · headline" at the area's northern edge, so the
 * severity is a number and a word as well as a colour (docs/design.md: never colour alone). Drawn
 * under the other symbols: an alert covers places, it does not hide them.
 */
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { ActiveAlert } from '$lib/wall/state/alerts';
import { CAP_SEVERITY_RANK } from '$lib/wall/state/alerts';
import { rgba, SEVERITY_HEX, type Rgba } from '../palette';
import {
	LABEL_CHARACTER_SET,
	LABEL_FONT_FAMILY,
	LABEL_FONT_SETTINGS,
	LABEL_OUTLINE,
	memoByRef,
	px,
	type MapUi
} from './common';

export interface AlertArea {
	id: string;
	rank: 1 | 2 | 3 | 4 | 5;
	headline: string;
	areaDesc: string;
	exercise: string | null;
}

type AlertFeature = GeoJSON.Feature<GeoJSON.MultiPolygon, AlertArea>;

export function alertRank(a: Pick<ActiveAlert, 'severity'>): 1 | 2 | 3 | 4 | 5 {
	return CAP_SEVERITY_RANK[a.severity] as 1 | 2 | 3 | 4 | 5;
}

/** One feature per area that has a shape (areas given by geocodes only are listed, not drawn). */
export function alertFeatures(alerts: readonly ActiveAlert[]): AlertFeature[] {
	return alerts.flatMap((a) =>
		a.areas.flatMap((area) =>
			area.geometry
				? [
						{
							type: 'Feature' as const,
							geometry: area.geometry,
							properties: {
								id: a.id,
								rank: alertRank(a),
								headline: a.headline,
								areaDesc: area.areaDesc,
								exercise: a.exercise
							}
						}
					]
				: []
		)
	);
}

/**
 * Faint (5–15 % opaque): an alert often covers the whole town, and a stronger wash tints every
 * layer under it (a brown one read as mud under a drill's mudflow). The outline carries the alert.
 */
export function alertFill(rank: 1 | 2 | 3 | 4 | 5): Rgba {
	return rgba(SEVERITY_HEX[rank], 8 + rank * 6);
}
export function alertLine(rank: 1 | 2 | 3 | 4 | 5): Rgba {
	return rgba(SEVERITY_HEX[rank], 235);
}
/** Heavier outlines for more severe alerts: the second cue beside the colour. */
export const alertLineWidth = (rank: number) => 1.5 + rank * 0.75;

export interface AlertLabel {
	lon: number;
	lat: number;
	text: string;
	rank: 1 | 2 | 3 | 4 | 5;
}

/** "⚠ 4 · Heavy rain warning" above the northernmost point of each drawn area. */
export function alertLabels(features: readonly AlertFeature[]): AlertLabel[] {
	return features.map((f) => {
		let best = f.geometry.coordinates[0][0][0];
		for (const poly of f.geometry.coordinates)
			for (const p of poly[0]) if (p[1] > best[1]) best = p;
		const words = f.properties.headline || f.properties.areaDesc;
		const text = `⚠ ${f.properties.rank} · ${words.length > 48 ? words.slice(0, 47) + '…' : words}`;
		return { lon: best[0], lat: best[1], text, rank: f.properties.rank };
	});
}

const featuresOf = memoByRef(alertFeatures);
const labelsOf = memoByRef(alertLabels);

export function alertsLayer(alerts: readonly ActiveAlert[], ui: MapUi) {
	return new GeoJsonLayer<AlertArea>({
		id: 'alerts',
		data: featuresOf(alerts),
		filled: true,
		stroked: true,
		getFillColor: (f) => alertFill(f.properties.rank),
		getLineColor: (f) => alertLine(f.properties.rank),
		getLineWidth: (f) => px(ui, alertLineWidth(f.properties.rank)),
		lineWidthUnits: 'pixels',
		updateTriggers: { getLineWidth: [ui.scale] }
	});
}

export function alertLabelsLayer(alerts: readonly ActiveAlert[], ui: MapUi) {
	return new TextLayer<AlertLabel>({
		id: 'alert-labels',
		data: labelsOf(featuresOf(alerts)),
		getPosition: (l) => [l.lon, l.lat],
		getText: (l) => l.text,
		getColor: (l) => alertLine(l.rank),
		getSize: px(ui, 18),
		sizeUnits: 'pixels',
		getTextAnchor: 'middle',
		getAlignmentBaseline: 'bottom',
		getPixelOffset: [0, -4],
		fontFamily: LABEL_FONT_FAMILY,
		fontWeight: 600,
		characterSet: LABEL_CHARACTER_SET,
		fontSettings: LABEL_FONT_SETTINGS,
		...LABEL_OUTLINE,
		updateTriggers: { getSize: [ui.scale] }
	});
}
