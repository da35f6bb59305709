import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Dem } from '$sim';

/**
 * Loads an EOC's own elevation model: a GeoTIFF (single band, geographic coordinates, e.g. from
 * `gdalwarp -t_srs EPSG:4326`) read with the `geotiff` package, or an SRTM `.hgt` tile (1 or 3
 * arc-second). Errors say what is wrong with the file and what to do; nodata becomes NaN.
 */

const M_PER_DEG = 111_320;
/** Larger than this does not fit the model's memory on an EOC machine (a 1″ tile is 13 M). */
const MAX_CELLS = 64_000_000;

export class DemError extends Error {
	constructor(path: string, why: string) {
		super(`terrain ${basename(path)}: ${why}`);
		this.name = 'DemError';
	}
}

export async function loadDem(path: string): Promise<Dem> {
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (e) {
		throw new DemError(path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`);
	}
	const ext = extname(path).toLowerCase();
	const tiffMagic =
		bytes.length >= 4 &&
		((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d));
	if (ext === '.hgt') return readHgt(path, bytes);
	if (ext === '.tif' || ext === '.tiff' || tiffMagic) return readGeoTiff(path, bytes);
	throw new DemError(path, 'unsupported format: give a GeoTIFF (.tif) or an SRTM tile (.hgt)');
}

/** Square metres of a cell whose sides are dLon × dLat degrees at latitude lat, as one edge length. */
function cellSize(dLon: number, dLat: number, lat: number): number {
	return Math.sqrt(dLat * M_PER_DEG * dLon * M_PER_DEG * Math.cos((lat * Math.PI) / 180));
}

/** SRTM .hgt: n × n big-endian int16 metres, -32768 void; the name gives the south-west corner. */
function readHgt(path: string, bytes: Buffer): Dem {
	const m = /^([NS])(\d{2})([EW])(\d{3})\.hgt$/i.exec(basename(path));
	if (!m)
		throw new DemError(path, 'an SRTM tile is named like N37E069.hgt (its south-west corner)');
	const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
	const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
	if (lat > 89 || lon > 179) throw new DemError(path, 'the name is not a tile corner');
	const n = bytes.length === 1201 * 1201 * 2 ? 1201 : bytes.length === 3601 * 3601 * 2 ? 3601 : 0;
	if (!n)
		throw new DemError(
			path,
			`${bytes.length} bytes is neither a 3″ (1201 × 1201) nor a 1″ (3601 × 3601) SRTM tile`
		);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const z = new Float32Array(n * n);
	for (let i = 0; i < n * n; i++) {
		const v = view.getInt16(2 * i, false);
		z[i] = v === -32768 ? NaN : v;
	}
	// Samples sit on whole-degree lines (pixel is point): cells are centred on them.
	const d = 1 / (n - 1);
	return {
		width: n,
		height: n,
		cellSizeM: cellSize(d, d, lat + 0.5),
		west: lon - d / 2,
		north: lat + 1 + d / 2,
		dLon: d,
		dLat: d,
		z,
		source: basename(path),
		synthetic: false
	};
}

async function readGeoTiff(path: string, bytes: Buffer): Promise<Dem> {
	// Imported when needed: geotiff loads the `web-worker` package, which, imported inside a worker
	// thread (SvelteKit analyses the server's routes in one when it builds), takes itself for a
	// worker and throws.
	const { fromArrayBuffer } = await import('geotiff');
	let image;
	try {
		const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		image = await (await fromArrayBuffer(ab as ArrayBuffer)).getImage();
	} catch (e) {
		throw new DemError(path, `not a readable GeoTIFF (${e instanceof Error ? e.message : e})`);
	}
	const width = image.getWidth();
	const height = image.getHeight();
	if (width < 2 || height < 2 || width * height > MAX_CELLS)
		throw new DemError(path, `${width} × ${height} cells: want 2 × 2 up to ${MAX_CELLS} cells`);
	if (image.getSamplesPerPixel() !== 1)
		throw new DemError(path, `${image.getSamplesPerPixel()} bands: want one band of elevations`);
	const keys = (image.getGeoKeys() ?? {}) as Record<string, unknown>;
	if (keys.GTModelTypeGeoKey === 1 || keys.ProjectedCSTypeGeoKey !== undefined)
		throw new DemError(
			path,
			'projected coordinates are not supported: reproject to longitude/latitude first ' +
				'(gdalwarp -t_srs EPSG:4326 in.tif out.tif)'
		);
	let origin: number[];
	let res: number[];
	try {
		origin = image.getOrigin();
		res = image.getResolution();
	} catch {
		throw new DemError(path, 'no georeferencing (tie point and pixel scale, or a transformation)');
	}
	const fd = image.getFileDirectory() as unknown as { ModelTransformation?: number[] };
	const t = fd.ModelTransformation;
	if (t && (t[1] !== 0 || t[4] !== 0)) throw new DemError(path, 'a rotated grid is not supported');
	const dLon = Math.abs(res[0]);
	const dLat = Math.abs(res[1]);
	// Pixel-is-point files give the centre of the first pixel; we keep corners.
	const half = keys.GTRasterTypeGeoKey === 2 ? 0.5 : 0;
	const west = origin[0] - half * dLon;
	const northUp = res[1] < 0;
	const north = northUp ? origin[1] + half * dLat : origin[1] + (height - half) * dLat;
	const south = north - height * dLat;
	if (
		!(dLon > 0 && dLat > 0) ||
		west < -180 ||
		west + width * dLon > 180.001 ||
		south < -90 ||
		north > 90
	)
		throw new DemError(
			path,
			`its bounds (${west}, ${south}) – (${west + width * dLon}, ${north}) are not longitude/latitude ` +
				'degrees: reproject to EPSG:4326 first (gdalwarp -t_srs EPSG:4326 in.tif out.tif)'
		);
	const raster = (await image.readRasters({
		samples: [0],
		interleave: true
	})) as unknown as ArrayLike<number>;
	const noData = image.getGDALNoData();
	// A float32 file's nodata is written as a decimal string: compare at float32 precision too.
	const noData32 = noData === null ? null : Math.fround(noData);
	const z = new Float32Array(width * height);
	for (let row = 0; row < height; row++) {
		const from = (northUp ? row : height - 1 - row) * width;
		for (let col = 0; col < width; col++) {
			const v = raster[from + col];
			z[row * width + col] = v === noData || v === noData32 || !Number.isFinite(v) ? NaN : v;
		}
	}
	return {
		width,
		height,
		cellSizeM: cellSize(dLon, dLat, north - (height * dLat) / 2),
		west,
		north,
		dLon,
		dLat,
		z,
		source: basename(path),
		synthetic: false
	};
}
