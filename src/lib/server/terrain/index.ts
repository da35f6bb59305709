import { syntheticKulob, type Dem } from '$sim';
import type { TerrainImage } from '$lib/wall/map/style';
import { hillshade } from './hillshade';
import { loadDem } from './load';
import { encodePng } from './png';

/**
 * The terrain the wall shades and the drill runs on: the DEM named by TERRAIN_PATH, or the
 * synthetic Kulob terrain without one. Loaded and shaded once per process and kept in memory.
 */

export const TERRAIN_INFO_PATH = '/api/v1/terrain';
export const HILLSHADE_PATH = '/api/v1/terrain/hillshade.png';

export interface Terrain {
	dem: Dem;
	info: TerrainImage;
	png: Buffer;
}

let cached: { path: string | undefined; terrain: Promise<Terrain> } | null = null;

export function terrain(path: string | undefined): Promise<Terrain> {
	if (!cached || cached.path !== path) {
		const promise = build(path);
		cached = { path, terrain: promise };
		promise.catch(() => {
			if (cached?.terrain === promise) cached = null; // a later request tries again
		});
	}
	return cached!.terrain;
}

async function build(path: string | undefined): Promise<Terrain> {
	const dem = path ? await loadDem(path) : syntheticKulob();
	const shade = hillshade(dem);
	// The image covers whole sampled cells: its east and south edges follow from its size.
	const east = dem.west + shade.width * shade.step * dem.dLon;
	const south = dem.north - shade.height * shade.step * dem.dLat;
	return {
		dem,
		png: encodePng(shade.width, shade.height, shade.rgba),
		info: {
			source: dem.source,
			synthetic: dem.synthetic,
			bounds: [dem.west, south, east, dem.north],
			hillshade: HILLSHADE_PATH
		}
	};
}
