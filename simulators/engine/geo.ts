/** Small geodesy for moving simulated teams: distances of a few km, so a local flat earth. */
const M_PER_DEG_LAT = 111_320;

export interface LatLon {
	lat: number;
	lon: number;
}

function mPerDegLon(lat: number): number {
	return M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
}

export function distanceM(a: LatLon, b: LatLon): number {
	const dy = (b.lat - a.lat) * M_PER_DEG_LAT;
	const dx = (b.lon - a.lon) * mPerDegLon((a.lat + b.lat) / 2);
	return Math.hypot(dx, dy);
}

/** Compass heading from a to b, degrees in [0, 360). */
export function headingDeg(a: LatLon, b: LatLon): number {
	const dy = (b.lat - a.lat) * M_PER_DEG_LAT;
	const dx = (b.lon - a.lon) * mPerDegLon((a.lat + b.lat) / 2);
	const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
	return ((deg % 360) + 360) % 360;
}

export function lerp(a: LatLon, b: LatLon, f: number): LatLon {
	return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}

/** One fix along a route. */
export interface Fix extends LatLon {
	/** Seconds after departure. */
	tSec: number;
	headingDeg: number;
}

/**
 * Fixes every `everySec` along a polyline driven at `speedMps`, the last one at the destination.
 * Coordinates are rounded to 6 decimals (0.1 m), so that payloads do not carry float noise.
 */
export function fixesAlong(path: LatLon[], speedMps: number, everySec: number): Fix[] {
	const legs = path.slice(1).map((to, i) => ({ from: path[i], to, m: distanceM(path[i], to) }));
	const total = legs.reduce((s, l) => s + l.m, 0);
	const duration = total / speedMps;
	const out: Fix[] = [];
	const round = (v: number) => Math.round(v * 1e6) / 1e6;
	for (let t = everySec; t < duration; t += everySec) {
		let along = t * speedMps;
		const leg = legs.find((l) => (along <= l.m ? true : ((along -= l.m), false))) ?? legs.at(-1)!;
		const p = lerp(leg.from, leg.to, leg.m ? Math.min(1, along / leg.m) : 1);
		out.push({
			tSec: t,
			lat: round(p.lat),
			lon: round(p.lon),
			headingDeg: headingDeg(leg.from, leg.to)
		});
	}
	const last = legs.at(-1);
	if (last) {
		out.push({
			tSec: Math.ceil(duration),
			lat: round(last.to.lat),
			lon: round(last.to.lon),
			headingDeg: headingDeg(last.from, last.to)
		});
	}
	return out;
}
