import type { Dem } from '../terrain/types';
import { MaxHeap } from './heap';

/**
 * Flow-R spreading (Horton et al. 2013, NHESS 13:869) from one release cell: where a debris flow
 * can go (Holmgren multiple flow direction with persistence) and with how much kinetic energy
 * (the energy line with friction angle φ, capped at v_max). Equations in docs/drills.md.
 */

/** The eight neighbours, clockwise from north; rows run south, so north is dy = -1. */
export const DX = [0, 1, 1, 1, 0, -1, -1, -1];
export const DY = [-1, -1, 0, 1, 1, 1, 0, -1];
export const G = 9.81;
/** Below this the front is taken to creep at it (keeps arrival times finite where the flow stops). */
export const V_MIN = 0.5;
/**
 * Persistence weights by the change of direction from the incoming one (0°, 45°, 90°, 135°, 180°):
 * a flow keeps going the way it goes and never turns back. After Flow-R's persistence (Gamma 2000);
 * the values are ours.
 */
const PERSISTENCE = [1, 0.8, 0.4, 0, 0];

export interface FlowRSettings {
	/** Holmgren exponent x (Flow-R debris-flow default 4). */
	exponent: number;
	/** tan φ of the energy-line angle. */
	tanPhi: number;
	/** Speed cap (m/s). */
	vMax: number;
	/** Holmgren's modification (m): the centre is raised by dh, so flow also spreads on flats. */
	dh: number;
	/** Spreading below this probability is cut (and the rest renormalised), as in Flow-R. */
	pMin: number;
}

export interface FlowRResult {
	/** Kinetic energy per unit mass (J/kg) on arrival; -1 where the flow does not reach. */
	energy: Float32Array;
	/** Flow-R susceptibility: the share of the release that passes the cell. */
	susceptibility: Float32Array;
	/** Scenario seconds at which the front reaches the cell (Infinity where it does not). */
	arrival: Float32Array;
	/** Number of cells reached. */
	reached: number;
}

/** Shares of the flow leaving a cell to each neighbour, and the energy it arrives there with. */
export class Spreader {
	readonly share = new Float64Array(8);
	readonly energy = new Float64Array(8);
	private readonly eMax: number;

	constructor(
		private readonly dem: Dem,
		private readonly s: FlowRSettings
	) {
		this.eMax = (s.vMax * s.vMax) / 2;
	}

	/**
	 * Fills `share` (summing to 1, or all 0 when the flow stops here) for a cell holding `p` of the
	 * flow with kinetic energy `e0`, having come in by direction `inDir` (-1 at the release).
	 */
	spread(c: number, inDir: number, e0: number, p: number): void {
		const { width, height, z, cellSizeM } = this.dem;
		const { exponent, tanPhi, dh, pMin } = this.s;
		const x = c % width;
		const y = (c - x) / width;
		const zc = z[c];
		let sum = 0;
		for (let k = 0; k < 8; k++) {
			this.share[k] = 0;
			const nx = x + DX[k];
			const ny = y + DY[k];
			if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
			const zn = z[ny * width + nx];
			if (!(zn === zn)) continue; // NaN: no data, nothing flows there
			const d = k & 1 ? cellSizeM * Math.SQRT2 : cellSizeM;
			const tanBeta = (zc + dh - zn) / d;
			if (tanBeta <= 0) continue;
			// Energy line: E_i = E_0 + g·Δz − g·Δx·tan φ, capped at v_max²/2; none left, no flow.
			let e = e0 + G * (zc - zn) - G * d * tanPhi;
			if (e <= 0) continue;
			if (e > this.eMax) e = this.eMax;
			const w = inDir < 0 ? 1 : PERSISTENCE[Math.min((k - inDir + 8) % 8, (inDir - k + 8) % 8)];
			if (w === 0) continue;
			this.energy[k] = e;
			this.share[k] = Math.pow(tanBeta, exponent) * w;
			sum += this.share[k];
		}
		if (sum === 0) return;
		// Cut the thin spreading (absolute probability below pMin), keeping at least the largest share.
		let kept = 0;
		let best = 0;
		for (let k = 0; k < 8; k++) {
			if (this.share[k] > this.share[best]) best = k;
			if ((this.share[k] / sum) * p < pMin) this.share[k] = 0;
			else kept += this.share[k];
		}
		if (kept === 0) {
			this.share[best] = 1;
			for (let k = 0; k < 8; k++) if (k !== best) this.share[k] = 0;
			return;
		}
		for (let k = 0; k < 8; k++) this.share[k] /= kept;
	}
}

/**
 * Spreads the flow from cell `source` over the grid. Cells are visited once, in decreasing order
 * of their energy height z + E/g: along any path that height falls by at least Δx·tan φ a step, so
 * a cell is distributed only after every cell that can feed it with more energy.
 */
export function flowR(
	dem: Dem,
	source: number,
	s: FlowRSettings,
	onProgress?: (fraction: number) => void
): FlowRResult {
	const n = dem.width * dem.height;
	const energy = new Float32Array(n).fill(-1);
	const susceptibility = new Float32Array(n);
	const arrival = new Float32Array(n).fill(Infinity);
	const inDir = new Int8Array(n).fill(-1);
	const done = new Uint8Array(n);
	const spreader = new Spreader(dem, s);
	const heap = new MaxHeap(4096);
	let zMin = Infinity;
	for (let i = 0; i < n; i++) if (dem.z[i] < zMin) zMin = dem.z[i];
	energy[source] = 0;
	susceptibility[source] = 1;
	arrival[source] = 0;
	const top = dem.z[source];
	heap.push(source, top);
	let reached = 0;
	while (heap.size > 0) {
		const key = heap.topKey();
		const c = heap.pop();
		if (done[c]) continue; // an older entry of a cell pushed again with more energy
		done[c] = 1;
		reached++;
		if (onProgress && (reached & 0xffff) === 0)
			onProgress(Math.min(1, (top - key) / Math.max(1e-9, top - zMin)));
		const ec = energy[c];
		spreader.spread(c, inDir[c], ec, susceptibility[c]);
		const vc = Math.sqrt(2 * ec);
		for (let k = 0; k < 8; k++) {
			const share = spreader.share[k];
			if (share === 0) continue;
			const nb = c + DY[k] * dem.width + DX[k];
			susceptibility[nb] += share * susceptibility[c];
			if (done[nb]) continue; // a slower branch joining: it adds to the cell, not to its spreading
			const e = spreader.energy[k];
			const d = k & 1 ? dem.cellSizeM * Math.SQRT2 : dem.cellSizeM;
			const t = arrival[c] + d / Math.max(V_MIN, (vc + Math.sqrt(2 * e)) / 2);
			if (t < arrival[nb]) arrival[nb] = t;
			if (e > energy[nb]) {
				energy[nb] = e;
				inDir[nb] = k;
				heap.push(nb, dem.z[nb] + e / G);
			}
		}
	}
	onProgress?.(1);
	return { energy, susceptibility, arrival, reached };
}
