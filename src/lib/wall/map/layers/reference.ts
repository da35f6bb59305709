/**
 * The EOC's reference layers (imported with `npm run layers:import`): drawn under the live layers,
 * each with its style over the defaults of its kind: boundaries as lines, rivers blue lines,
 * roads grey lines, settlements as points with names. Names in the screen's language when the
 * features carry `name:tg`/`name:ru`/`name:en`, else the layer's label field.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { ReferenceKind, ReferenceStyle, ReferenceData } from '$lib/reference/types';
import { rgba, type Rgba } from '../palette';
import {
	LABEL_CHARACTER_SET,
	LABEL_FONT_FAMILY,
	LABEL_FONT_SETTINGS,
	LABEL_OUTLINE,
	localName,
	px,
	type MapLocale,
	type MapUi
} from './common';

interface KindStyle {
	color: string;
	width: number;
	labelColor: string;
	/** Labels from this zoom on (a country's districts are noise at country scale). */
	labelMinZoom: number;
	labelSize: number;
}

export const KIND_STYLE: Record<ReferenceKind, KindStyle> = {
	boundary: { color: '#4A5E80', width: 1.5, labelColor: '#7F93B4', labelMinZoom: 8, labelSize: 18 },
	river: { color: '#3D7CC9', width: 3, labelColor: '#7FB0E8', labelMinZoom: 9, labelSize: 18 },
	road: { color: '#5F6878', width: 2, labelColor: '#9AA3B2', labelMinZoom: 11, labelSize: 18 },
	settlement: { color: '#C9D4E5', width: 1, labelColor: '#C9D4E5', labelMinZoom: 8, labelSize: 19 },
	other: { color: '#8EA0BB', width: 1.5, labelColor: '#A9B7CC', labelMinZoom: 9, labelSize: 18 }
};

/** The layer's style over its kind's defaults. */
export function resolvedStyle(
	kind: ReferenceKind,
	style: ReferenceStyle
): KindStyle & ReferenceStyle {
	const base = KIND_STYLE[kind] ?? KIND_STYLE.other;
	return {
		...base,
		...style,
		color: style.color ?? base.color,
		width: style.width ?? base.width,
		labelMinZoom: style.minZoom ?? base.labelMinZoom
	};
}

export interface RefLabel {
	text: string;
	position: [number, number];
}

/** Where a feature's name goes: on a point, mid-way along a line, in the middle of a polygon. */
export function labelPoint(geometry: GeoJSON.Geometry): [number, number] | null {
	switch (geometry.type) {
		case 'Point':
			return [geometry.coordinates[0], geometry.coordinates[1]];
		case 'MultiPoint':
		case 'LineString': {
			const c = geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
			return c ? [c[0], c[1]] : null;
		}
		case 'MultiLineString': {
			const longest = geometry.coordinates.reduce((a, b) => (b.length > a.length ? b : a), []);
			return labelPoint({ type: 'LineString', coordinates: longest });
		}
		case 'Polygon':
			return ringCentre(geometry.coordinates[0]);
		case 'MultiPolygon': {
			const largest = geometry.coordinates.reduce((a, b) => (b[0].length > a[0].length ? b : a));
			return ringCentre(largest[0]);
		}
		case 'GeometryCollection':
			return geometry.geometries.length ? labelPoint(geometry.geometries[0]) : null;
	}
}

/** The area-weighted centroid of a ring (the vertex mean when the ring is degenerate). */
function ringCentre(ring: GeoJSON.Position[]): [number, number] | null {
	if (!ring?.length) return null;
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		const f = x0 * y1 - x1 * y0;
		a += f;
		cx += (x0 + x1) * f;
		cy += (y0 + y1) * f;
	}
	if (Math.abs(a) < 1e-12) {
		const n = ring.length;
		return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
	}
	return [cx / (3 * a), cy / (3 * a)];
}

const labelCache = new WeakMap<GeoJSON.FeatureCollection, Map<string, RefLabel[]>>();

/** Every named feature's label in `locale`; computed once per layer data and language. */
export function referenceLabels(
	layer: Pick<ReferenceData, 'data' | 'style'>,
	locale: MapLocale = 'en'
): RefLabel[] {
	let perLocale = labelCache.get(layer.data);
	if (!perLocale) labelCache.set(layer.data, (perLocale = new Map()));
	const key = `${locale}|${layer.style.labelField ?? ''}`;
	const hit = perLocale.get(key);
	if (hit) return hit;
	const out: RefLabel[] = [];
	for (const f of layer.data.features) {
		const text = localName(f.properties, locale, layer.style.labelField);
		const position = f.geometry ? labelPoint(f.geometry) : null;
		if (text && position) out.push({ text, position });
	}
	perLocale.set(key, out);
	return out;
}

const FILL_NONE: Rgba = [0, 0, 0, 0];

/** One GeoJsonLayer per reference layer, then the labels of all of them above. */
export function referenceLayers(refs: readonly ReferenceData[], ui: MapUi): Layer[] {
	const visible = refs.filter((r) => r.style.visible !== false);
	const shapes = visible.map((r) => {
		const s = resolvedStyle(r.kind, r.style);
		const line = rgba(s.color, r.kind === 'boundary' ? 200 : 230);
		return new GeoJsonLayer({
			id: `ref-${r.id}`,
			data: r.data,
			stroked: true,
			filled: r.kind === 'settlement' || Boolean(s.fillColor),
			getFillColor: s.fillColor
				? rgba(s.fillColor, 60)
				: r.kind === 'settlement'
					? rgba(s.color)
					: FILL_NONE,
			getLineColor: r.kind === 'settlement' ? [10, 16, 28, 255] : line,
			getLineWidth: px(ui, s.width),
			lineWidthUnits: 'pixels',
			lineJointRounded: true,
			lineCapRounded: true,
			pointType: 'circle',
			getPointRadius: px(ui, 5),
			pointRadiusUnits: 'pixels',
			updateTriggers: {}
		});
	});
	const labels = visible.map((r) => {
		const s = resolvedStyle(r.kind, r.style);
		const below = r.kind === 'settlement' ? px(ui, 18) : 0;
		return new TextLayer<RefLabel>({
			id: `ref-${r.id}-labels`,
			data: referenceLabels(r, ui.locale),
			visible: ui.zoom >= s.labelMinZoom,
			getPosition: (l) => l.position,
			getText: (l) => l.text,
			getColor: rgba(s.labelColor, 230),
			getSize: px(ui, s.labelSize),
			sizeUnits: 'pixels',
			getPixelOffset: [0, below],
			getTextAnchor: 'middle',
			getAlignmentBaseline: 'center',
			fontFamily: LABEL_FONT_FAMILY,
			fontWeight: r.kind === 'settlement' ? 600 : 400,
			characterSet: LABEL_CHARACTER_SET,
			fontSettings: LABEL_FONT_SETTINGS,
			...LABEL_OUTLINE,
			updateTriggers: {}
		});
	});
	return [...shapes, ...labels];
}
