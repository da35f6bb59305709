import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gridDem } from '$sim';
import { hillshade, SHADE_STEPS } from './hillshade';
import { terrain } from './index';
import { encodePng } from './png';

/** Decodes what encodePng writes (RGBA or palette, filter 0): enough to check it round-trips. */
function decode(png: Buffer) {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	let off = 8;
	const chunks: Record<string, Buffer> = {};
	while (off < png.length) {
		const len = png.readUInt32BE(off);
		chunks[png.toString('ascii', off + 4, off + 8)] = png.subarray(off + 8, off + 8 + len);
		off += 12 + len;
	}
	const width = chunks.IHDR.readUInt32BE(0);
	const height = chunks.IHDR.readUInt32BE(4);
	const type = chunks.IHDR[9];
	const bpp = type === 3 ? 1 : 4;
	const raw = inflateSync(chunks.IDAT);
	const rgba = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) {
		expect(raw[y * (width * bpp + 1)]).toBe(0);
		const row = raw.subarray(y * (width * bpp + 1) + 1, (y + 1) * (width * bpp + 1));
		if (type === 6) rgba.set(row, y * width * 4);
		else
			row.forEach((i, x) =>
				rgba.set([...chunks.PLTE.subarray(i * 3, i * 3 + 3), chunks.tRNS[i]], (y * width + x) * 4)
			);
	}
	return { width, height, type, rgba, chunks: Object.keys(chunks) };
}

describe('hillshade PNG', () => {
	it('encodes RGBA that decodes to the same pixels', () => {
		const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
		const out = decode(encodePng(3, 2, rgba));
		expect(out).toMatchObject({
			width: 3,
			height: 2,
			chunks: ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']
		});
		expect(out.type).toBe(3); // six colours: a palette
		expect([...out.rgba]).toEqual([...rgba]);
	});

	it('falls back to RGBA above 256 colours, with the same pixels', () => {
		// 400 pixels, each its own colour.
		const rgba = Uint8Array.from({ length: 20 * 20 * 4 }, (_, i) =>
			i % 4 === 0 ? (i >> 2) & 255 : i % 4 === 1 ? i >> 10 : 255
		);
		const out = decode(encodePng(20, 20, rgba));
		expect(out).toMatchObject({ type: 6, chunks: ['IHDR', 'IDAT', 'IEND'] });
		expect([...out.rgba]).toEqual([...rgba]);
	});

	it('lights slopes facing the north-west sun and darkens those facing away; no data is transparent', () => {
		// West half rises to the east (faces west, towards the sun), east half falls (faces east).
		const dem = gridDem(40, 20, (c) => (c < 20 ? c * 5 : (40 - c) * 5));
		dem.z[10 * 40 + 5] = NaN;
		const { rgba, width, step } = hillshade(dem);
		expect(step).toBe(1);
		const lum = (x: number, y: number) => rgba[(y * width + x) * 4 + 2];
		expect(lum(10, 5)).toBeGreaterThan(lum(30, 5) + 20);
		expect(rgba[(10 * width + 5) * 4 + 3]).toBe(0);
		expect(rgba[(10 * width + 6) * 4 + 3]).toBe(255);
	});

	it('draws the ramp in SHADE_STEPS steps, so the PNG stays small', async () => {
		const t = await terrain(undefined);
		const img = decode(t.png);
		const colours = new Set<number>();
		for (let i = 0; i < img.rgba.length; i += 4)
			colours.add((img.rgba[i] << 16) | (img.rgba[i + 1] << 8) | img.rgba[i + 2]);
		expect(colours.size).toBeGreaterThan(SHADE_STEPS / 2);
		expect(colours.size).toBeLessThanOrEqual(SHADE_STEPS + 1);
	});

	it('samples a large DEM down to the size limit', () => {
		const dem = gridDem(300, 100, () => 600);
		const h = hillshade(dem, 128);
		expect([h.width, h.height, h.step]).toEqual([100, 33, 3]);
	});

	it('shades the synthetic Kulob terrain when no DEM is configured, labelled as such', async () => {
		const t = await terrain(undefined);
		expect(t.info.source).toBe('synthetic terrain');
		expect(t.info.synthetic).toBe(true);
		const [west, south, east, north] = t.info.bounds;
		expect(west < 69.78 && 69.78 < east && south < 37.91 && 37.91 < north).toBe(true);
		const img = decode(t.png);
		expect([img.width, img.height]).toEqual([t.dem.width, t.dem.height]);
		expect(await terrain(undefined)).toBe(t); // made once
	});
});
