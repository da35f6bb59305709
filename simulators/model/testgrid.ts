import type { Dem } from '../terrain/types';

/** Test terrains for the model's known answers: a grid of 10 m cells near Kulob, z from a function. */
export function gridDem(
	width: number,
	height: number,
	elevation: (col: number, row: number) => number,
	cellSizeM = 10
): Dem {
	const lat0 = 37.9;
	const dLat = cellSizeM / 111_320;
	const dLon = dLat / Math.cos((lat0 * Math.PI) / 180);
	const z = new Float32Array(width * height);
	for (let row = 0; row < height; row++)
		for (let col = 0; col < width; col++) z[row * width + col] = elevation(col, row);
	return {
		width,
		height,
		cellSizeM,
		west: 69.7,
		north: lat0,
		dLon,
		dLat,
		z,
		source: 'test grid',
		synthetic: true
	};
}

/** Longitude and latitude of a cell's centre. */
export function cellLonLat(dem: Dem, col: number, row: number) {
	return {
		releaseLon: dem.west + (col + 0.5) * dem.dLon,
		releaseLat: dem.north - (row + 0.5) * dem.dLat
	};
}

/** Rows (north to south) that a MultiPolygon spans, from its edges (which lie on cell edges). */
export function rowSpan(dem: Dem, g: GeoJSON.MultiPolygon): { first: number; last: number } {
	const lats = g.coordinates.flat(2).map((p) => p[1]);
	return {
		first: Math.round((dem.north - Math.max(...lats)) / dem.dLat),
		last: Math.round((dem.north - Math.min(...lats)) / dem.dLat) - 1
	};
}
