/**
 * Reference layers as the API sends them and the wall draws them (shared by server and browser).
 */
export const LAYER_KINDS = ['boundary', 'river', 'settlement', 'road', 'other'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** How the wall draws a reference layer; every field optional, defaults by kind. */
export interface LayerStyle {
	color?: string;
	fillColor?: string;
	width?: number;
	labelField?: string;
	minZoom?: number;
	visible?: boolean;
	/** Shown on the map while the layer is drawn (e.g. "© OpenStreetMap contributors, geoBoundaries"). */
	attribution?: string;
}

/** One row of `GET /api/v1/layers`. */
export interface LayerSummary {
	id: string;
	name: string;
	kind: LayerKind;
	style: LayerStyle;
	featureCount: number;
	bbox: [number, number, number, number] | null;
	updatedAt: string;
}

/** A layer with its features, as the wall holds it. */
export interface ReferenceLayerData extends LayerSummary {
	data: GeoJSON.FeatureCollection;
}

/** Where the app serves BASEMAP_PMTILES (HTTP Range); MapLibre reads it through pmtiles' Protocol. */
export const BASEMAP_PATH = '/api/v1/basemap.pmtiles';
