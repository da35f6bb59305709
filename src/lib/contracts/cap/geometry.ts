/**
 * CAP 1.2 area shapes (OASIS CAP 1.2 §3.2.4) to GeoJSON (RFC 7946: [lon, lat]).
 * `polygon`: "lat,lon lat,lon ..." — at least 4 pairs, the first equal to the last.
 * `circle`: "lat,lon radius" — radius in kilometres; drawn as a 64-sided polygon by @turf/circle
 * (a geodesic circle is a library's job, not ours to get subtly wrong near the poles).
 */
import circle from '@turf/circle';

export type Ring = [number, number][];

/** A circle of radius 0 is a point (CAP 1.2 §3.2.4): drawn 50 m wide so that it stays visible. */
const MIN_DRAWN_RADIUS_KM = 0.05;
const CIRCLE_STEPS = 64;

function pair(text: string, what: string): [number, number] {
	const parts = text.split(',');
	if (parts.length !== 2)
		throw new Error(`${what}: expected "lat,lon", got "${text.slice(0, 40)}"`);
	const [lat, lon] = parts.map((p) => (/^[-+]?\d+(\.\d+)?$/.test(p) ? Number(p) : NaN));
	if (!Number.isFinite(lat) || lat < -90 || lat > 90)
		throw new Error(`${what}: latitude "${parts[0].slice(0, 20)}" is not in [-90, 90]`);
	if (!Number.isFinite(lon) || lon < -180 || lon > 180)
		throw new Error(`${what}: longitude "${parts[1].slice(0, 20)}" is not in [-180, 180]`);
	return [lon, lat];
}

/** A CAP polygon as a GeoJSON ring; throws with a readable reason. */
export function capPolygon(text: string): Ring {
	const pairs = text.trim().split(/\s+/);
	if (pairs.length < 4) throw new Error(`expected at least 4 "lat,lon" pairs, got ${pairs.length}`);
	const ring = pairs.map((p, i) => pair(p, `pair ${i + 1}`));
	const [first, last] = [ring[0], ring[ring.length - 1]];
	if (first[0] !== last[0] || first[1] !== last[1])
		throw new Error('polygon is not closed: the first and last pairs differ');
	return ring;
}

/** A CAP circle as a GeoJSON ring (its centre and radius kept by the caller). */
export function capCircle(text: string): {
	ring: Ring;
	center: [number, number];
	radiusKm: number;
} {
	const parts = text.trim().split(/\s+/);
	if (parts.length !== 2) throw new Error('expected "lat,lon radius"');
	const center = pair(parts[0], 'centre');
	const radiusKm = /^\d+(\.\d+)?$/.test(parts[1]) ? Number(parts[1]) : NaN;
	if (!Number.isFinite(radiusKm) || radiusKm > 20_000)
		throw new Error(`radius "${parts[1].slice(0, 20)}" is not a number of km in [0, 20000]`);
	const drawn = circle(center, Math.max(radiusKm, MIN_DRAWN_RADIUS_KM), {
		units: 'kilometers',
		steps: CIRCLE_STEPS
	});
	return { ring: drawn.geometry.coordinates[0] as Ring, center, radiusKm };
}

/** "lat,lon lat,lon ..." from a GeoJSON ring: how the EOC's own alerts write their areas. */
export function ringToCap(ring: readonly (readonly number[])[]): string {
	return ring.map(([lon, lat]) => `${round(lat)},${round(lon)}`).join(' ');
}

const round = (v: number) => Number(v.toFixed(6));
