import type { Dem } from '../terrain/types';
import { ExtentBuilder, frameTimes } from './extent';
import { flowR, Spreader, type FlowRSettings } from './flowr';
import { laharz } from './laharz';
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
	const inundation = laharz(dem, flow, new Spreader(dem, settings), source, params.volumeM3);
	const { cells, depth, arrival } = inundation;
	// Volume: LAHARZ's A and B are fitted to observed flows, not a mass balance; keep their shape
	// and scale the depths so the grid holds exactly the released volume.
	const cellArea = dem.cellSizeM * dem.cellSizeM;
	let raw = 0;
	for (const c of cells) raw += depth[c];
	const scale = params.volumeM3 / (raw * cellArea);
	for (const c of cells) depth[c] *= scale;
	progress(0.65);
	await breathe();

	const builder = new ExtentBuilder(dem, inundation);
	const times = frameTimes(params.durationSec, params.frameSec);
	const frames: ExtentFrame[] = [];
	let count = 0;
	let sum = 0;
	let max = 0;
	let last: Pick<ExtentFrame, 'geometry' | 'bands'> | null = null;
	for (let k = 0; k < times.length; k++) {
		const t = times[k];
		const before = count;
		while (count < cells.length && arrival[cells[count]] <= t) {
			const d = depth[cells[count++]];
			sum += d;
			if (d > max) max = d;
		}
		// Unchanged since the last frame (the front between two cells, or stopped): same polygons.
		const polygons: Pick<ExtentFrame, 'geometry' | 'bands'> =
			last && count === before ? last : builder.polygons(count);
		last = polygons;
		frames.push({
			tSec: t,
			geometry: polygons.geometry,
			bands: polygons.bands,
			maxDepthM: max,
			meanDepthM: count ? sum / count : 0,
			areaM2: count * cellArea,
			// What the front has laid down so far: all of the released volume once it has passed.
			volumeM3: sum * cellArea
		});
		if (k % 32 === 31) {
			progress(0.65 + (0.35 * (k + 1)) / times.length);
			await breathe();
		}
	}
	progress(1);
	return frames;
};
