import type { Dem } from '../terrain/types';
import { ExtentBuilder, frameTimes } from './extent';
import { flowR, Spreader, type FlowRResult, type FlowRSettings } from './flowr';
import { laharz, type Inundation } from './laharz';
import type { ExtentFrame, MudflowModel, MudflowParams } from './types';

/**
 * The mudflow run-out model (docs/drills.md, "Terrain and the mudflow model"):
 * 1. Flow-R (Horton et al. 2013) spreads the release over the grid: where the flow can go and how
 *    fast, from the energy line with friction angle φ and the speed cap v_max;
 * 2. LAHARZ (Griswold & Iverson 2008) walks down Flow-R's main path filling cross-sections to
 *    A = 0.1·V^(2/3) until the inundated area reaches B = 20·V^(2/3) (or the energy runs out);
 * 3. the LAHARZ depths are scaled so that the grid holds exactly V, and each cell is wetted when the
 *    front, moving at Flow-R's speed, reaches it: frames every frameSec, polygonised by depth band.
 * Deterministic: no randomness anywhere.
 */

export const MUDFLOW_DEFAULTS = {
	/** Flow-R debris-flow settings (Horton et al. 2013). */
	exponent: 4,
	phiDeg: 11,
	vMaxMps: 15,
	/** Holmgren's dh (m) and Flow-R's cut-off of thin spreading. */
	dh: 2,
	pMin: 1e-3
} as const;

/** More frames than this is a mistake in the scenario (a day at one frame a second). */
const MAX_FRAMES = 86_400;

export function validateMudflow(dem: Dem, p: MudflowParams): number {
	const bad = (what: string) => {
		throw new Error(`mudflow: ${what}`);
	};
	const finite = (name: keyof MudflowParams, min: number, max = Infinity, open = false) => {
		const v = p[name];
		if (v === undefined && ['exponent', 'phiDeg', 'vMaxMps'].includes(name)) return;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (open && v === min))
			bad(
				`${name} must be a number ${open ? '>' : '≥'} ${min}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${v}`
			);
	};
	finite('volumeM3', 0, Infinity, true);
	finite('durationSec', 0);
	finite('frameSec', 0, Infinity, true);
	if (p.releaseSec !== undefined) finite('releaseSec', 0);
	finite('exponent', 0, 64, true);
	finite('phiDeg', 0, 60, true);
	finite('vMaxMps', 0, 1000, true);
	finite('releaseLon', -180, 180);
	finite('releaseLat', -90, 90);
	if (p.durationSec / p.frameSec + 1 > MAX_FRAMES)
		bad(`durationSec / frameSec gives more than ${MAX_FRAMES} frames`);
	const x = Math.floor((p.releaseLon - dem.west) / dem.dLon);
	const y = Math.floor((dem.north - p.releaseLat) / dem.dLat);
	if (x < 0 || y < 0 || x >= dem.width || y >= dem.height)
		bad(
			`the release point ${p.releaseLon}, ${p.releaseLat} is outside the terrain (${dem.source})`
		);
	const c = y * dem.width + x;
	if (!Number.isFinite(dem.z[c]))
		bad(`the terrain has no elevation at the release point ${p.releaseLon}, ${p.releaseLat}`);
	return c;
}

/** Gives the event loop a turn, so a progress bar can be drawn while the model computes. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** LAHARZ along the Flow-R path for volume V, its depths scaled so the grid holds exactly V. */
function inundate(dem: Dem, flow: FlowRResult, spreader: Spreader, source: number, V: number) {
	const inundation = laharz(dem, flow, spreader, source, V);
	const { cells, depth } = inundation;
	// Volume: LAHARZ's A and B are fitted to observed flows, not a mass balance; keep their shape
	// and scale the depths so the grid holds exactly the volume.
	let raw = 0;
	for (const c of cells) raw += depth[c];
	const scale = V / (raw * dem.cellSizeM * dem.cellSizeM);
	for (const c of cells) depth[c] *= scale;
	return inundation;
}

export const runMudflow: MudflowModel = async (dem, params, onProgress) => {
	const source = validateMudflow(dem, params);
	const progress = onProgress ?? (() => {});
	progress(0);
	const settings: FlowRSettings = {
		exponent: params.exponent ?? MUDFLOW_DEFAULTS.exponent,
		tanPhi: Math.tan(((params.phiDeg ?? MUDFLOW_DEFAULTS.phiDeg) * Math.PI) / 180),
		vMax: params.vMaxMps ?? MUDFLOW_DEFAULTS.vMaxMps,
		dh: MUDFLOW_DEFAULTS.dh,
		pMin: MUDFLOW_DEFAULTS.pMin
	};
	const flow = flowR(dem, source, settings, (f) => progress(0.6 * f));
	await breathe();
	const spreader = new Spreader(dem, settings);
	const cellArea = dem.cellSizeM * dem.cellSizeM;
	// A release that lasts releaseSec comes down at a steady discharge: at time t the volume
	// released so far is V·t/releaseSec, and LAHARZ inundates for that volume (docs/drills.md).
	const releaseSec = params.releaseSec ?? 0;
	const releasedBy = (t: number) =>
		releaseSec > 0 ? params.volumeM3 * Math.min(1, t / releaseSec) : params.volumeM3;
	const times = frameTimes(params.durationSec, params.frameSec);
	const frames: ExtentFrame[] = [];
	// What lies on the ground: a cell once wetted stays wetted (mud does not drain away), at the
	// depth of the latest deposit that reaches it.
	const onGround = new Float32Array(dem.width * dem.height);
	const wet: number[] = [];
	let current: Inundation | null = null;
	let currentVolume = 0;
	let count = 0;
	let last: Pick<ExtentFrame, 'geometry' | 'bands'> = EMPTY;
	for (let k = 0; k < times.length; k++) {
		const t = times[k];
		const V = releasedBy(t);
		let changed = false;
		if (V > 0 && V !== currentVolume) {
			// More has come down: a new, larger deposit, whose cells the front reaches again.
			current = inundate(dem, flow, spreader, source, V);
			currentVolume = V;
			count = 0;
		}
		if (current) {
			const { cells, depth, arrival } = current;
			for (; count < cells.length && arrival[cells[count]] <= t; count++) {
				const c = cells[count];
				if (onGround[c] === 0) wet.push(c);
				if (onGround[c] !== depth[c]) changed = true;
				onGround[c] = depth[c];
			}
		}
		// Unchanged since the last frame (the front between two cells, or stopped): same polygons.
		if (changed)
			last = new ExtentBuilder(dem, { cells: Int32Array.from(wet), depth: onGround }).polygons(
				wet.length
			);
		let sum = 0;
		let max = 0;
		for (const c of wet) {
			sum += onGround[c];
			if (onGround[c] > max) max = onGround[c];
		}
		frames.push({
			tSec: t,
			geometry: last.geometry,
			bands: last.bands,
			maxDepthM: max,
			meanDepthM: wet.length ? sum / wet.length : 0,
			areaM2: wet.length * cellArea,
			// What the front has laid down so far: all of the volume released once it has passed.
			volumeM3: sum * cellArea
		});
		if (k % 32 === 31 || currentVolume !== releasedBy(times[k + 1] ?? t)) {
			progress(0.6 + (0.4 * (k + 1)) / times.length);
			await breathe();
		}
	}
	progress(1);
	return frames;
};

/** Before anything is released: no area. */
const EMPTY: Pick<ExtentFrame, 'geometry' | 'bands'> = {
	geometry: { type: 'MultiPolygon', coordinates: [] },
	bands: []
};
