/**
 * Reference data: the EOC's imported GeoJSON and KML (boundaries, rivers, settlements, roads), as
 * the API sends it and the wall draws it (shared by server and browser). The API and the admin
 * page call each import a "layer"; in the code, "layers" are the map's deck.gl layers only.
 */
export const REFERENCE_KINDS = ['boundary', 'river', 'settlement', 'road', 'other'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** How the wall draws a reference layer; every field optional, defaults by kind. */
export interface ReferenceStyle {
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
export interface ReferenceSummary {
	id: string;
	name: string;
	kind: ReferenceKind;
	style: ReferenceStyle;
	featureCount: number;
	bbox: [number, number, number, number] | null;
	updatedAt: string;
}

/** A layer with its features, as the wall holds it. */
export interface ReferenceData extends ReferenceSummary {
	data: GeoJSON.FeatureCollection;
}

/** Where the app serves BASEMAP_PMTILES (HTTP Range); MapLibre reads it through pmtiles' Protocol. */
export const BASEMAP_PATH = '/api/v1/basemap.pmtiles';
