/**
 * A digital elevation model on a regular grid: what the terrain loaders (GeoTIFF, SRTM .hgt, the
 * synthetic Kulob terrain) produce and what the mudflow model and the wall's hillshade read.
 */
export interface Dem {
	/** Cells along x (west to east) and y (north to south). */
	width: number;
	height: number;
	/** Edge of a cell in metres (cells are treated as square on the ground). */
	cellSizeM: number;
	/** Longitude and latitude of the north-west corner of the north-west cell. */
	west: number;
	north: number;
	/** Degrees of longitude and latitude per cell (both positive: rows run south). */
	dLon: number;
	dLat: number;
	/** Elevations in metres, row-major from the north-west cell; NaN where there is no data. */
	z: Float32Array;
	/** Where it came from: a file name, or 'synthetic terrain'. */
	source: string;
	/** True for generated terrain: every view of it must say "synthetic terrain". */
	synthetic: boolean;
}
