import { contours } from 'd3-contour';
import type { Dem } from '../terrain/types';
import type { DepthBand, ExtentFrame } from './types';

/**
 * Turns the deposit (a depth and an arrival time per wetted cell) into time-stepped extent
 * polygons in lon/lat: d3-contour (marching squares) over the bounding box of the wetted cells,
 * rather than a hand-written polygoniser.
 */

/** Lower bounds of the depth bands (m), shallow to deep. */
export const DEPTH_BANDS = [0.1, 0.5, 1, 2];

export interface Deposit {
	/** Wetted cells, in the order they were wetted. */
	cells: Int32Array;
	depth: Float32Array;
}

type Polygons = Pick<ExtentFrame, 'geometry' | 'bands'>;

export class ExtentBuilder {
	private readonly x0: number;
	private readonly y0: number;
	private readonly cw: number;
	private readonly ch: number;
	private readonly levels: Float64Array;
	private readonly contour;

	constructor(
		private readonly dem: Dem,
		private readonly deposit: Deposit
	) {
		const { width } = dem;
		let xMin = Infinity;
		let yMin = Infinity;
		let xMax = -Infinity;
		let yMax = -Infinity;
		for (const c of deposit.cells) {
			const x = c % width;
			const y = (c - x) / width;
			if (x < xMin) xMin = x;
			if (x > xMax) xMax = x;
			if (y < yMin) yMin = y;
			if (y > yMax) yMax = y;
		}
		// One dry cell of margin on each side, so every ring closes inside the box.
		this.x0 = xMin - 1;
		this.y0 = yMin - 1;
		this.cw = Math.max(1, xMax - xMin + 3);
		this.ch = Math.max(1, yMax - yMin + 3);
		this.levels = new Float64Array(this.cw * this.ch);
		// Contours without interpolation: edges fall midway between cell centres, so the bands nest.
		this.contour = contours()
			.size([this.cw, this.ch])
			.smooth(false)
			.thresholds([0.5, ...DEPTH_BANDS.map((_, k) => k + 1.5)]);
	}

	/** Polygons of the first `count` cells of the deposit (those the front has reached). */
	polygons(count: number): Polygons {
		const { width } = this.dem;
		this.levels.fill(0);
		for (let n = 0; n < count; n++) {
			const c = this.deposit.cells[n];
			const d = this.deposit.depth[c];
			let level = 1;
			while (level - 1 < DEPTH_BANDS.length && d >= DEPTH_BANDS[level - 1]) level++;
			const x = c % width;
			const y = (c - x) / width;
			this.levels[(y - this.y0) * this.cw + (x - this.x0)] = level;
		}
		const [whole, ...bands] = this.contour(this.levels as unknown as number[]).map((m) =>
			this.toLonLat(m.coordinates)
		);
		return {
			geometry: { type: 'MultiPolygon', coordinates: whole },
			bands: bands
				.map((coordinates, k): DepthBand => ({
					minDepthM: DEPTH_BANDS[k],
					geometry: { type: 'MultiPolygon', coordinates }
				}))
				.filter((b) => b.geometry.coordinates.length > 0)
		};
	}

	/** Grid coordinates (cell i spans [i, i+1]) of the box to lon/lat, rounded to ~0.1 m. */
	private toLonLat(polys: GeoJSON.Position[][][]): GeoJSON.Position[][][] {
		const { west, north, dLon, dLat } = this.dem;
		const r = (v: number) => Math.round(v * 1e6) / 1e6;
		return polys.map((rings) =>
			rings.map((ring) =>
				ring.map(([gx, gy]) => [r(west + (this.x0 + gx) * dLon), r(north - (this.y0 + gy) * dLat)])
			)
		);
	}
}

/** The frames at t = 0, frameSec, 2·frameSec, … and durationSec. */
export function frameTimes(durationSec: number, frameSec: number): number[] {
	const times: number[] = [];
	for (let k = 0; k * frameSec < durationSec; k++) times.push(k * frameSec);
	times.push(durationSec);
	return times;
}
