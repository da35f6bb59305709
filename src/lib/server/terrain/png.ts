import { crc32, deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder (8-bit, no filtering) on node's zlib: the hillshade is one image made once
 * per process, and this is fifty lines against adding an image package (PNG, RFC 2083). An image
 * of at most 256 colours (a hillshade: one ramp, plus transparent where there is no data) is
 * written with a palette, a byte per pixel: about 30 % fewer bytes over the wire than RGBA.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
	if (rgba.length !== width * height * 4)
		throw new Error('encodePng: rgba must be width × height × 4 bytes');
	const pixels = new Uint32Array(rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + rgba.length));
	const palette = new Map<number, number>();
	for (const p of pixels) {
		if (!palette.has(p)) palette.set(p, palette.size);
		if (palette.size > 256) break;
	}
	const indexed = palette.size <= 256;
	const bpp = indexed ? 1 : 4;
	// Each scanline starts with its filter type (0: none).
	const raw = Buffer.alloc((width * bpp + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * bpp + 1) + 1;
		if (!indexed) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), row);
		else for (let x = 0; x < width; x++) raw[row + x] = palette.get(pixels[y * width + x])!;
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = indexed ? 3 : 6; // colour type: palette, or RGBA
	// compression, filter and interlace methods: 0
	const colours = [...palette.keys()].map((p) => new Uint8Array(new Uint32Array([p]).buffer));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		...(indexed
			? [
					chunk('PLTE', Buffer.from(colours.flatMap((c) => [c[0], c[1], c[2]]))),
					chunk('tRNS', Buffer.from(colours.map((c) => c[3])))
				]
			: []),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

function chunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}
