/**
 * What the map loads from the app besides the live stream: the reference layers (once, and again
 * when asked) and whether a PMTiles basemap is configured. Plain functions over `fetch`, so the
 * map component only calls them and a test can hand in its own fetch.
 */
import type { ReferenceSummary, ReferenceData } from '$lib/reference/types';
import type { TerrainImage } from './style';

export const LAYERS_URL = '/api/v1/layers';

/**
 * Every reference layer with its GeoJSON, in drawing order. A layer that fails to load is left
 * out (and reported), so one bad layer does not blank the others.
 */
export async function loadReferenceLayers(fetcher: typeof fetch = fetch): Promise<ReferenceData[]> {
	const res = await fetcher(LAYERS_URL);
	if (!res.ok) throw new Error(`${LAYERS_URL}: HTTP ${res.status}`);
	const list = (await res.json()) as ReferenceSummary[];
	const loaded = await Promise.all(
		list.map(async (summary) => {
			const r = await fetcher(`${LAYERS_URL}/${encodeURIComponent(summary.id)}`);
			if (!r.ok) {
				console.warn(`eocwall: reference layer ${summary.id}: HTTP ${r.status}`);
				return null;
			}
			return { ...summary, data: (await r.json()) as GeoJSON.FeatureCollection };
		})
	);
	return loaded.filter((l): l is ReferenceData => l !== null);
}

export const BASEMAP_INFO_URL = '/api/v1/basemap';

/** The PMTiles basemap's URL when the app serves one (BASEMAP_PMTILES set), else null. */
export async function basemapUrl(fetcher: typeof fetch = fetch): Promise<string | null> {
	const res = await fetcher(BASEMAP_INFO_URL);
	if (!res.ok) throw new Error(`${BASEMAP_INFO_URL}: HTTP ${res.status}`);
	return ((await res.json()) as { pmtiles: string | null }).pmtiles;
}

export const TERRAIN_INFO_URL = '/api/v1/terrain';

/** The terrain the app shades (its source, bounds and hillshade image), or null if it has none. */
export async function terrainImage(fetcher: typeof fetch = fetch): Promise<TerrainImage | null> {
	const res = await fetcher(TERRAIN_INFO_URL);
	if (res.status === 404) return null;
	if (!res.ok) throw new Error(`${TERRAIN_INFO_URL}: HTTP ${res.status}`);
	return (await res.json()) as TerrainImage;
}
