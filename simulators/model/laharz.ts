import type { Dem } from '../terrain/types';
import { DX, DY, Spreader, V_MIN, type FlowRResult } from './flowr';

/**
 * LAHARZ inundation (Iverson, Schilling & Vallance 1998; Griswold & Iverson 2008) along the
 * Flow-R path: walk down the main path from the release (down the steepest descent once Flow-R's
 * energy is spent), fill the cross-section across the flow to A = 0.1·V^(2/3), mark what it wets,
 * and stop when the marked area reaches B = 20·V^(2/3) or the ground stops falling. Equations in
 * docs/drills.md.
 */

export const laharzCrossSection = (volumeM3: number) => 0.1 * Math.pow(volumeM3, 2 / 3);
export const laharzArea = (volumeM3: number) => 20 * Math.pow(volumeM3, 2 / 3);

export interface Inundation {
	/** LAHARZ depth (m) where wetted, 0 elsewhere (not yet scaled to the volume). */
	depth: Float32Array;
	/** When the front wets the cell: when it reaches the path cell whose cross-section wets it. */
	arrival: Float32Array;
	/** The wetted cells, in order of arrival. */
	cells: Int32Array;
	/** Why the walk ended: the area reached B, or the ground stopped falling first. */
	stoppedBy: 'area' | 'ground';
}

/** Cross-sections reach at most this many cells either side of the path. */
const MAX_HALF_WIDTH = 60;
/**
 * On flat or lower ground a cross-section only reaches cells through which at least this share of
 * the flow passes (Flow-R susceptibility): on an unconfined fan the flow goes where Flow-R sends it,
 * not along a straight line as far as the energy would carry it.
 */
const SECTION_MIN_SHARE = 0.01;

export function laharz(
	dem: Dem,
	flow: FlowRResult,
	spreader: Spreader,
	source: number,
	volumeM3: number
): Inundation {
	const { width, cellSizeM } = dem;
	const A = laharzCrossSection(volumeM3);
	const B = laharzArea(volumeM3);
	const n = width * dem.height;
	const depth = new Float32Array(n);
	const arrival = new Float32Array(n).fill(Infinity);
	const onPath = new Uint8Array(n);
	const wetted: number[] = [];
	const section = new CrossSection(dem, flow);
	let area = 0;
	let c = source;
	let inDir = -1;
	let tPath = 0;
	for (;;) {
		onPath[c] = 1;
		// Next path cell: the neighbour that gets the largest share of the flow leaving c.
		spreader.spread(c, inDir, flow.energy[c], 1);
		let next = -1;
		let dir = -1;
		for (let k = 0; k < 8; k++) {
			const nb = c + DY[k] * width + DX[k];
			if (
				spreader.share[k] > 0 &&
				!onPath[nb] &&
				(dir < 0 || spreader.share[k] > spreader.share[dir])
			) {
				dir = k;
				next = nb;
			}
		}
		if (dir < 0) {
			// Past Flow-R's reach (its energy line is spent): LAHARZ goes on down the steepest
			// descent, filling cross-sections until B is used, as long as the ground falls.
			dir = steepestDescent(dem, c, onPath);
			if (dir >= 0) next = c + DY[dir] * width + DX[dir];
		}
		const across = dir >= 0 ? dir : inDir >= 0 ? inDir : 4;
		const level = section.level(c, across, A);
		// Beyond Flow-R's reach the front creeps on at V_MIN.
		const t = Number.isFinite(flow.arrival[c])
			? flow.arrival[c]
			: tPath + (inDir & 1 ? Math.SQRT2 : 1) * (cellSizeM / V_MIN);
		tPath = t;
		const wet = (cells: number[]) => {
			for (const i of cells) {
				if (arrival[i] === Infinity) {
					wetted.push(i);
					area += cellSizeM * cellSizeM;
				}
				const d = level - dem.z[i];
				if (d > depth[i]) depth[i] = d;
				if (t < arrival[i]) arrival[i] = t;
			}
		};
		wet(section.wet(c, across, level));
		const hx = (c % width) + DX[across];
		if (across & 1 && hx >= 0 && hx < width) {
			// A diagonal step skips a line of cells between two diagonal cross-sections: wet it at the same level.
			wet(section.wet(c + DX[across], across, level));
		}
		if (area >= B) return finish(depth, arrival, wetted, 'area');
		if (next < 0) return finish(depth, arrival, wetted, 'ground');
		inDir = dir;
		c = next;
	}
}

/** The direction to the lowest neighbour below `c` not yet on the path, or -1 (a pit or a flat). */
function steepestDescent(dem: Dem, c: number, onPath: Uint8Array): number {
	const { width, height, z } = dem;
	const x = c % width;
	const y = (c - x) / width;
	let best = -1;
	let drop = 0;
	for (let k = 0; k < 8; k++) {
		const nx = x + DX[k];
		const ny = y + DY[k];
		if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
		const nb = ny * width + nx;
		const slope = (z[c] - z[nb]) / (k & 1 ? Math.SQRT2 : 1);
		if (!onPath[nb] && slope > drop) {
			drop = slope;
			best = k;
		}
	}
	return best;
}

function finish(
	depth: Float32Array,
	arrival: Float32Array,
	wetted: number[],
	stoppedBy: Inundation['stoppedBy']
): Inundation {
	const cells = Int32Array.from(wetted).sort((a, b) => arrival[a] - arrival[b] || a - b);
	return { depth, arrival, cells, stoppedBy };
}

/** One cross-section across the flow: the line of cells perpendicular to the flow direction. */
class CrossSection {
	private readonly zs = new Float64Array(2 * MAX_HALF_WIDTH + 1);
	private readonly ids = new Int32Array(2 * MAX_HALF_WIDTH + 1);
	/** zs/ids hold the centre at 0, one side in [1, mid), the other in [mid, end). */
	private mid = 1;
	private end = 1;

	constructor(
		private readonly dem: Dem,
		private readonly flow: FlowRResult
	) {}

	/**
	 * Collects the cells across the flow through `c`, centre first, then each side outward while a
	 * cell may be wetted: above the centre (the water level decides) or reached by Flow-R (on flat
	 * or lower ground only the cells the flow can reach: it does not spread without bound).
	 */
	private collect(c: number, flowDir: number): void {
		const { width, height, z } = this.dem;
		const x0 = c % width;
		const y0 = (c - x0) / width;
		const zc = z[c];
		this.zs[0] = zc;
		this.ids[0] = c;
		let m = 1;
		for (const side of [(flowDir + 2) % 8, (flowDir + 6) % 8]) {
			if (side !== (flowDir + 2) % 8) this.mid = m;
			for (let j = 1; j <= MAX_HALF_WIDTH; j++) {
				const x = x0 + j * DX[side];
				const y = y0 + j * DY[side];
				if (x < 0 || y < 0 || x >= width || y >= height) break;
				const i = y * width + x;
				const zi = z[i];
				if (!(zi === zi) || (zi <= zc && !(this.flow.susceptibility[i] >= SECTION_MIN_SHARE)))
					break;
				this.zs[m] = zi;
				this.ids[m++] = i;
			}
		}
		this.end = m;
	}

	/** The water level that fills the cross-section through `c` to area A (m²). */
	level(c: number, flowDir: number, A: number): number {
		this.collect(c, flowDir);
		const w = flowDir & 1 ? this.dem.cellSizeM * Math.SQRT2 : this.dem.cellSizeM;
		let lo = this.zs[0];
		let hi = lo + A / w; // the centre cell alone holds A at this level
		for (let it = 0; it < 40; it++) {
			const mid = (lo + hi) / 2;
			let sum = 0;
			for (const m of this.wetIndices(mid)) sum += mid - this.zs[m];
			if (sum * w < A) lo = mid;
			else hi = mid;
		}
		return hi;
	}

	/** Cells wetted at `level` on the cross-section through `c`. */
	wet(c: number, flowDir: number, level: number): number[] {
		const z = this.dem.z[c];
		if (!(z === z)) return [];
		this.collect(c, flowDir);
		return this.wetIndices(level).map((m) => this.ids[m]);
	}

	/** Positions below `level`, contiguous from the centre along each side (a ridge stops the water). */
	private wetIndices(level: number): number[] {
		const out: number[] = [];
		if (!(this.zs[0] < level)) return out;
		out.push(0);
		for (const [from, to] of [
			[1, this.mid],
			[this.mid, this.end]
		]) {
			for (let m = from; m < to && this.zs[m] < level; m++) out.push(m);
		}
		return out;
	}
}
