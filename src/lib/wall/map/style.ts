/**
 * The wall's offline basemap: a MapLibre style with inline GeoJSON only, so no request leaves the
 * app. Countries come from world-atlas (Natural Earth 1:50m, public domain) through Vite's JSON
 * import; Tajikistan (ISO 3166 numeric 762) is lighter than its neighbours.
 *
 * No symbol layers, so no glyphs: every label is drawn by deck.gl's TextLayer in the app's font.
 * A regional PMTiles basemap can replace this later without touching the layer builders.
 */
import type {
	LayerSpecification,
	LngLatBoundsLike,
	SourceSpecification,
	StyleSpecification
} from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';
import { KULOB_DISTRICT_BBOX } from '$lib/live/settings';

export const TAJIKISTAN_ISO = '762';

/** Kulob city centre (docs/kulob.md). */
export const KULOB_CENTER: [lon: number, lat: number] = [69.78, 37.91];

/**
 * Bounds centred on Kulob city that still hold the whole district: the district reaches much
 * further north of the city than south, so the box is mirrored around the centre.
 */
export function kulobBounds(): LngLatBoundsLike {
	const [lon, lat] = KULOB_CENTER;
	const [west, south, east, north] = KULOB_DISTRICT_BBOX;
	const dx = Math.max(east - lon, lon - west);
	const dy = Math.max(north - lat, lat - south);
	return [
		[lon - dx, lat - dy],
		[lon + dx, lat + dy]
	];
}

export const MAP_HEX = {
	background: '#0A101C',
	land: '#111A29',
	home: '#16223A',
	borders: '#34435C',
	homeOutline: '#7F95B8',
	graticule: '#1D2A40'
} as const;

type CountryProps = { iso: string; name: string };

/** Countries as GeoJSON, with the ISO numeric code as a property (feature ids are not reliable). */
export function countriesGeoJson(): GeoJSON.FeatureCollection<GeoJSON.Geometry, CountryProps> {
	const topology = countries50m as unknown as Topology<{ countries: GeometryCollection }>;
	const fc = feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection;
	return {
		type: 'FeatureCollection',
		features: fc.features.map((f) => ({
			type: 'Feature',
			geometry: f.geometry,
			properties: {
				iso: String(f.id ?? ''),
				name: String((f.properties as { name?: string } | null)?.name ?? '')
			}
		}))
	};
}

/** Borders between two countries (each drawn once), not coastlines. */
export function bordersGeoJson(): GeoJSON.MultiLineString {
	const topology = countries50m as unknown as Topology<{ countries: GeometryCollection }>;
	return mesh(topology, topology.objects.countries, (a, b) => a !== b);
}

/** Lines every `step` degrees over a box: gives scale and bearing to an otherwise empty map. */
export function graticule(
	[west, south, east, north]: [number, number, number, number],
	step: number
): GeoJSON.MultiLineString {
	const lines: GeoJSON.Position[][] = [];
	const eps = step / 1000;
	for (let x = Math.ceil(west / step) * step; x <= east + eps; x += step) {
		lines.push([
			[x, south],
			[x, north]
		]);
	}
	for (let y = Math.ceil(south / step) * step; y <= north + eps; y += step) {
		lines.push([
			[west, y],
			[east, y]
		]);
	}
	return { type: 'MultiLineString', coordinates: lines };
}

/** Expression: this feature is Tajikistan. */
const isHome: ['==', ['get', string], string] = ['==', ['get', 'iso'], TAJIKISTAN_ISO];

export function offlineStyle(): StyleSpecification {
	return {
		version: 8,
		name: 'eocwall offline dark',
		sources: {
			countries: { type: 'geojson', data: countriesGeoJson() },
			borders: { type: 'geojson', data: bordersGeoJson() },
			graticule: { type: 'geojson', data: graticule([66, 35, 76, 42], 0.1) }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': MAP_HEX.background } },
			{
				id: 'land',
				type: 'fill',
				source: 'countries',
				filter: ['!', isHome],
				paint: { 'fill-color': MAP_HEX.land }
			},
			{
				id: 'home',
				type: 'fill',
				source: 'countries',
				filter: isHome,
				paint: { 'fill-color': MAP_HEX.home }
			},
			{
				id: 'graticule',
				type: 'line',
				source: 'graticule',
				minzoom: 7,
				paint: { 'line-color': MAP_HEX.graticule, 'line-width': 1 }
			},
			{
				id: 'borders',
				type: 'line',
				source: 'borders',
				paint: { 'line-color': MAP_HEX.borders, 'line-width': 1.2 }
			},
			{
				id: 'home-outline',
				type: 'line',
				source: 'countries',
				filter: isHome,
				paint: { 'line-color': MAP_HEX.homeOutline, 'line-width': 2 }
			}
		]
	};
}

export { BASEMAP_PATH } from '$lib/reference/types';
export const BASEMAP_SOURCE = 'basemap';

/** A basemap's tiles as the PMTiles header says: vector (MVT) or raster (PNG, JPEG, WebP, AVIF). */
export type BasemapKind = 'vector' | 'raster';

/**
 * The source and layers for a regional PMTiles basemap, inserted above the land fill and under the
 * borders. Vector archives are drawn with the Protomaps basemap schema's layer names (earth,
 * water, landuse, roads, buildings); a layer the archive lacks simply draws nothing. Raster
 * archives are dimmed so the live layers stay on top to the eye.
 */
export function basemapStyle(
	url: string,
	kind: BasemapKind,
	maxzoom = 15
): { source: SourceSpecification; layers: LayerSpecification[] } {
	const src = BASEMAP_SOURCE;
	if (kind === 'raster') {
		return {
			source: { type: 'raster', url: `pmtiles://${url}`, tileSize: 256, maxzoom },
			layers: [
				{
					id: 'basemap-raster',
					type: 'raster',
					source: src,
					paint: {
						'raster-opacity': 0.55,
						'raster-saturation': -0.6,
						'raster-brightness-max': 0.45
					}
				}
			]
		};
	}
	const layer = (id: string, sourceLayer: string, rest: object) =>
		({ id, source: src, 'source-layer': sourceLayer, ...rest }) as LayerSpecification;
	return {
		source: { type: 'vector', url: `pmtiles://${url}`, maxzoom },
		layers: [
			layer('basemap-landuse', 'landuse', {
				type: 'fill',
				paint: { 'fill-color': '#152036', 'fill-opacity': 0.6 }
			}),
			layer('basemap-water', 'water', { type: 'fill', paint: { 'fill-color': '#14304F' } }),
			layer('basemap-buildings', 'buildings', {
				type: 'fill',
				minzoom: 13,
				paint: { 'fill-color': '#1E2A40' }
			}),
			layer('basemap-roads', 'roads', {
				type: 'line',
				paint: {
					'line-color': '#3A475E',
					'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 14, 3]
				}
			})
		]
	};
}

/** The layer the basemap goes under: above the land fill, under graticule and borders. */
export const BASEMAP_BEFORE = 'graticule';

export const HILLSHADE_SOURCE = 'terrain-hillshade';

/** What /api/v1/terrain says about the terrain the app serves (src/lib/server/terrain). */
export interface TerrainImage {
	source: string;
	synthetic: boolean;
	bounds: [number, number, number, number];
	hillshade: string;
}

/**
 * The terrain's hillshade, drawn by the server as one image over the terrain's bounds (the DEM of
 * TERRAIN_PATH, or the synthetic Kulob terrain): an image source and a raster layer, inserted
 * above the land fill and under the borders and every live layer.
 */
export function hillshadeStyle(
	terrain: TerrainImage | null
): { source: SourceSpecification; layers: LayerSpecification[] } | null {
	if (!terrain) return null;
	const [w, s, e, n] = terrain.bounds;
	return {
		source: {
			type: 'image',
			url: terrain.hillshade,
			coordinates: [
				[w, n],
				[e, n],
				[e, s],
				[w, s]
			]
		},
		layers: [
			{
				id: 'hillshade',
				type: 'raster',
				source: HILLSHADE_SOURCE,
				paint: { 'raster-opacity': 0.9, 'raster-fade-duration': 0 }
			}
		]
	};
}

/** [west, south, east, north] → MapLibre bounds; a bad box falls back to Kulob District. */
export function areaBounds(bbox: readonly number[] | null | undefined): LngLatBoundsLike {
	const ok =
		bbox?.length === 4 &&
		bbox.every(Number.isFinite) &&
		bbox[0] < bbox[2] &&
		bbox[1] < bbox[3] &&
		bbox[0] >= -180 &&
		bbox[2] <= 180 &&
		bbox[1] >= -85 &&
		bbox[3] <= 85;
	if (!ok) return kulobBounds();
	return [
		[bbox[0], bbox[1]],
		[bbox[2], bbox[3]]
	];
}
