import type { Dem } from '../terrain/types';

/** A mudflow release: where, how much, and the model's settings (Flow-R and LAHARZ, docs/drills.md). */
export interface MudflowParams {
	releaseLon: number;
	releaseLat: number;
	/** Released volume in m³ (LAHARZ: A = 0.1·V^(2/3), B = 20·V^(2/3)). */
	volumeM3: number;
	/** Scenario seconds to simulate, and between two frames. */
	durationSec: number;
	frameSec: number;
	/**
	 * How long the release lasts (s): the volume comes down at a steady discharge V/releaseSec and
	 * the inundated area grows with the volume released so far. 0 or absent: all at once.
	 */
	releaseSec?: number;
	/** Holmgren exponent (Flow-R default 4), energy-line angle in degrees (11), speed cap m/s (15). */
	exponent?: number;
	phiDeg?: number;
	vMaxMps?: number;
}

/** The area one depth band covers at one time. */
export interface DepthBand {
	/** Lower bound of the band in metres (the band holds depths >= minDepthM). */
	minDepthM: number;
	geometry: GeoJSON.MultiPolygon;
}

/** The inundated area at one scenario time, ready to publish on eoc/v1/hazards/{id}/extent. */
export interface ExtentFrame {
	/** Seconds after the release. */
	tSec: number;
	/** The whole inundated area (depth > 0). */
	geometry: GeoJSON.MultiPolygon;
	/** Nested depth bands, shallow to deep, for shading by depth. */
	bands: DepthBand[];
	maxDepthM: number;
	meanDepthM: number;
	areaM2: number;
	/** Volume on the grid at this time (conserved: equals the released volume once released). */
	volumeM3: number;
}

/** The mudflow model as the drill engine calls it (precomputed before the drill starts). */
export type MudflowModel = (
	dem: Dem,
	params: MudflowParams,
	onProgress?: (fraction: number) => void
) => ExtentFrame[] | Promise<ExtentFrame[]>;
