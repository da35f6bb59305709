import type { Dem } from '$sim';

/**
 * A hillshade of a DEM for the wall's dark map: Horn's slope and aspect, the sun in the north-west
 * at 45° (the cartographic convention), shaded between the wall's night blues so the live layers
 * stay on top to the eye. Cells with no data are transparent. Large DEMs are sampled down to at
 * most `maxSide` pixels a side (the wall shows the area at 30–100 m a pixel).
 */

const SHADOW = [0x05, 0x08, 0x0f];
const LIGHT = [0x3a, 0x4c, 0x6e];
/** The sun's azimuth, 315° (from the north-west), as a mathematical angle: 360 − 315 + 90 = 135°. */
const SUN = (135 * Math.PI) / 180;
const ALTITUDE = (45 * Math.PI) / 180;
/**
 * Shades of the ramp drawn: 48 steps of about two levels of blue each, which the eye does not tell
 * apart on the dark map, and which the PNG's deflate packs in half the bytes of the 195 colours an
 * unstepped ramp gives the Kulob terrain (142 KB → about 75 KB on every wall that opens).
 */
export const SHADE_STEPS = 48;

export interface Hillshade {
	width: number;
	height: number;
	/** DEM cells per pixel along each side. */
	step: number;
	rgba: Uint8Array;
}

export function hillshade(dem: Dem, maxSide = 2048, exaggeration = 2): Hillshade {
	const step = Math.max(1, Math.ceil(Math.max(dem.width, dem.height) / maxSide));
	const width = Math.floor(dem.width / step);
	const height = Math.floor(dem.height / step);
	const rgba = new Uint8Array(width * height * 4);
	const cell = dem.cellSizeM * step;
	const at = (x: number, y: number) => {
		const cx = Math.min(width - 1, Math.max(0, x));
		const cy = Math.min(height - 1, Math.max(0, y));
		return dem.z[cy * step * dem.width + cx * step];
	};
	const zenith = Math.PI / 2 - ALTITUDE;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const o = (y * width + x) * 4;
			const z = at(x, y);
			if (!Number.isFinite(z)) continue; // transparent
			const n = (dx: number, dy: number) => {
				const v = at(x + dx, y + dy);
				return Number.isFinite(v) ? v : z;
			};
			// Horn (1981): weighted differences over the 3 × 3 window; y grows southwards (as in ESRI's
			// formulation, whose aspect and sun angle this follows).
			const dzdx =
				(n(1, -1) + 2 * n(1, 0) + n(1, 1) - (n(-1, -1) + 2 * n(-1, 0) + n(-1, 1))) / (8 * cell);
			const dzdy =
				(n(-1, 1) + 2 * n(0, 1) + n(1, 1) - (n(-1, -1) + 2 * n(0, -1) + n(1, -1))) / (8 * cell);
			const slope = Math.atan(exaggeration * Math.hypot(dzdx, dzdy));
			const aspect = Math.atan2(dzdy, -dzdx);
			const lit = Math.max(
				0,
				Math.cos(zenith) * Math.cos(slope) +
					Math.sin(zenith) * Math.sin(slope) * Math.cos(SUN - aspect)
			);
			const shade = Math.round(lit * SHADE_STEPS) / SHADE_STEPS;
			for (let k = 0; k < 3; k++)
				rgba[o + k] = Math.round(SHADOW[k] + (LIGHT[k] - SHADOW[k]) * shade);
			rgba[o + 3] = 255;
		}
	}
	return { width, height, step, rgba };
}
