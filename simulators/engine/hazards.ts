/**
 * Turns the mudflow model's frames into hazard-extent messages: one hazard per depth band
 * (`<hazard>-d0` the whole inundated area, `-d1`... deeper and deeper), so the wall shades the
 * flow by depth, and each new frame replaces the one before (the wall shows a hazard's newest
 * extent). A band that empties is sent as a ring of no area at the release point, so its shade
 * leaves the wall instead of staying at its last extent.
 */
import simplify from '@turf/simplify';
import { MAX_PAYLOAD_BYTES } from '../../src/lib/contracts';
import type { ExtentFrame, MudflowParams } from '../model/types';
import type { HazardSpec } from '../scenario/schema';

export interface BandMessage {
	hazardId: string;
	body: { kind: string; geometry: GeoJSON.MultiPolygon; depthM: number; volumeM3: number };
}

export interface FrameMessages {
	/** Seconds after the release. */
	tSec: number;
	messages: BandMessage[];
}

/** Leaves room for the envelope (msgId, ts, exercise) under the MQTT payload limit. */
const GEOMETRY_BUDGET = MAX_PAYLOAD_BYTES - 4096;

/** The model's parameters for a scenario's hazard. */
export function mudflowParams(h: HazardSpec): MudflowParams {
	return {
		releaseLon: h.lon,
		releaseLat: h.lat,
		volumeM3: h.volumeM3,
		durationSec: h.durationSec,
		frameSec: h.frameSec,
		releaseSec: h.releaseSec,
		exponent: h.exponent,
		phiDeg: h.phiDeg,
		vMaxMps: h.vMaxMps
	};
}

export const bandHazardId = (hazardId: string, band: number) => `${hazardId}-d${band}`;

function roundCoords(g: GeoJSON.MultiPolygon, decimals = 6): GeoJSON.MultiPolygon {
	const f = 10 ** decimals;
	return {
		type: 'MultiPolygon',
		coordinates: g.coordinates.map((poly) =>
			poly.map((ring) => ring.map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f]))
		)
	};
}

/** The geometry, simplified (Douglas-Peucker, @turf/simplify) until it fits one message. */
export function fitGeometry(g: GeoJSON.MultiPolygon): GeoJSON.MultiPolygon {
	let out = roundCoords(g);
	// About 1 m, then doubling: a mudflow's outline loses nothing visible at wall scale.
	for (let tol = 0.00001; JSON.stringify(out).length > GEOMETRY_BUDGET && tol < 1; tol *= 2) {
		out = roundCoords(simplify(g, { tolerance: tol, highQuality: false, mutate: false }));
	}
	return out;
}

function emptyRing(lon: number, lat: number): GeoJSON.MultiPolygon {
	const p = [lon, lat];
	return { type: 'MultiPolygon', coordinates: [[[p, p, p, p]]] };
}

/** The messages of every frame of one hazard, band ids fixed by depth across all frames. */
export function frameMessages(hazard: HazardSpec, frames: ExtentFrame[]): FrameMessages[] {
	const depths = [...new Set(frames.flatMap((f) => f.bands.map((b) => b.minDepthM)))].sort(
		(a, b) => a - b
	);
	const shown = new Set<number>();
	return frames.map((frame) => {
		const messages: BandMessage[] = [];
		depths.forEach((minDepthM, i) => {
			const band = frame.bands.find((b) => b.minDepthM === minDepthM);
			const hasArea = band && band.geometry.coordinates.length > 0;
			if (!hasArea && !shown.has(i)) return;
			if (hasArea) shown.add(i);
			else shown.delete(i);
			messages.push({
				hazardId: bandHazardId(hazard.id, i),
				body: {
					kind: hazard.kind,
					geometry: hasArea ? fitGeometry(band.geometry) : emptyRing(hazard.lon, hazard.lat),
					depthM: minDepthM,
					volumeM3: Math.round(frame.volumeM3)
				}
			});
		});
		return { tSec: frame.tSec, messages };
	});
}
