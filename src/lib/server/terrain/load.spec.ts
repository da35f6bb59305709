import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDem } from './load';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'eocwall-dem-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** A 3″ SRTM tile: elevation 500 + row + col (as int16 big-endian), one void, one negative value. */
async function writeHgt(name: string, n = 1201): Promise<string> {
	const buf = Buffer.alloc(n * n * 2);
	for (let row = 0; row < n; row++)
		for (let col = 0; col < n; col++)
			buf.writeInt16BE((500 + row + col) % 30000, 2 * (row * n + col));
	buf.writeInt16BE(-32768, 2 * (10 * n + 20));
	buf.writeInt16BE(-12, 2 * (11 * n + 20));
	const path = join(dir, name);
	await writeFile(path, buf);
	return path;
}

/** A small float32 GeoTIFF in longitude/latitude with a nodata value, written by geotiff itself. */
async function writeTiff(name: string, extra: Record<string, unknown> = {}): Promise<string> {
	const width = 6;
	const height = 4;
	const values = new Float32Array(width * height).map((_, i) => 580 + i * 2.5);
	values[7] = -9999;
	const ab = writeArrayBuffer(values, {
		width,
		height,
		SampleFormat: [3],
		BitsPerSample: [32],
		ModelPixelScale: [0.001, 0.002, 0],
		ModelTiepoint: [0, 0, 0, 69.7, 38.0, 0],
		GTModelTypeGeoKey: 2,
		GTRasterTypeGeoKey: 1,
		GeographicTypeGeoKey: 4326,
		GDAL_NODATA: '-9999',
		...extra
	});
	const path = join(dir, name);
	await writeFile(path, Buffer.from(ab));
	return path;
}

describe('loadDem', () => {
	it('reads an SRTM .hgt tile: corner from its name, big-endian metres, voids as NaN', async () => {
		const dem = await loadDem(await writeHgt('N37E069.hgt'));
		expect(dem.width).toBe(1201);
		expect(dem.height).toBe(1201);
		expect(dem.dLon).toBeCloseTo(1 / 1200, 12);
		// The first sample sits on 38 N, 69 E: the cell around it starts half a cell west and north.
		expect(dem.west).toBeCloseTo(69 - 0.5 / 1200, 12);
		expect(dem.north).toBeCloseTo(38 + 0.5 / 1200, 12);
		expect(dem.z[0]).toBe(500);
		expect(dem.z[2 * 1201 + 3]).toBe(505);
		expect(dem.z[10 * 1201 + 20]).toBeNaN();
		expect(dem.z[11 * 1201 + 20]).toBe(-12);
		expect(dem.cellSizeM).toBeGreaterThan(80); // 3″ ≈ 92 m N–S, 73 m E–W at 37.5 N
		expect(dem.cellSizeM).toBeLessThan(90);
		expect(dem.synthetic).toBe(false);
		expect(dem.source).toBe('N37E069.hgt');
	});

	it('places a southern and western tile by its name', async () => {
		const dem = await loadDem(await writeHgt('s12w077.hgt'));
		expect(dem.west).toBeCloseTo(-77 - 0.5 / 1200, 12);
		expect(dem.north).toBeCloseTo(-11 + 0.5 / 1200, 12);
	});

	it('reads a GeoTIFF: bounds from the tie point and scale, nodata as NaN', async () => {
		const dem = await loadDem(await writeTiff('kulob.tif'));
		expect([dem.width, dem.height]).toEqual([6, 4]);
		expect(dem.west).toBeCloseTo(69.7, 9);
		expect(dem.north).toBeCloseTo(38.0, 9);
		expect(dem.dLon).toBeCloseTo(0.001, 9);
		expect(dem.dLat).toBeCloseTo(0.002, 9);
		expect(dem.z[0]).toBe(580);
		expect(dem.z[23]).toBe(580 + 23 * 2.5);
		expect(dem.z[7]).toBeNaN();
		// √(0.001° E × 0.002° N) at 37.996 N ≈ √(87.8 m × 222.6 m).
		expect(dem.cellSizeM).toBeCloseTo(
			Math.sqrt(0.001 * 111_320 * Math.cos((37.996 * Math.PI) / 180) * 0.002 * 111_320),
			0
		);
		expect(dem.source).toBe('kulob.tif');
	});

	it('refuses projected GeoTIFFs, other files and bad tiles with a clear reason', async () => {
		await expect(
			loadDem(
				await writeTiff('utm.tif', {
					GTModelTypeGeoKey: 1,
					ProjectedCSTypeGeoKey: 32642,
					GeographicTypeGeoKey: undefined
				})
			)
		).rejects.toThrow(/projected coordinates.*gdalwarp -t_srs EPSG:4326/);
		const junk = join(dir, 'junk.tif');
		await writeFile(junk, 'not a tiff at all');
		await expect(loadDem(junk)).rejects.toThrow(/junk\.tif: not a readable GeoTIFF/);
		const csv = join(dir, 'heights.csv');
		await writeFile(csv, '1,2,3');
		await expect(loadDem(csv)).rejects.toThrow(/unsupported format/);
		const short = join(dir, 'N37E069.hgt');
		await writeFile(short, Buffer.alloc(1000));
		await expect(loadDem(short)).rejects.toThrow(/neither a 3″ .* nor a 1″/);
		const badName = await writeHgt('tile.hgt');
		await expect(loadDem(badName)).rejects.toThrow(/named like N37E069\.hgt/);
		await expect(loadDem(join(dir, 'missing.hgt'))).rejects.toThrow(
			/cannot read the file \(ENOENT\)/
		);
	});
});
