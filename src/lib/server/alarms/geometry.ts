import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

/** A place a hazard may reach: a shelter, a school, any of the EOC's places. */
export interface Target {
	kind: 'shelter' | 'school' | 'place';
	id: string;
	name: string;
	lat: number;
	lon: number;
}

export interface Hit extends Target {
	/** 0 inside the extent, else metres to its edge. */
	distanceM: number;
}

const R = 6_371_008.8;
const rad = Math.PI / 180;

/**
 * Metres from a point to a segment, in a local equirectangular projection around the point: exact
 * enough at the scale of a buffer (metres to a few km), and no projection library for one sum.
 */
function toSegment(lat: number, lon: number, a: number[], b: number[]): number {
	const k = Math.cos(lat * rad);
	const ax = (a[0] - lon) * k * rad * R;
	const ay = (a[1] - lat) * rad * R;
	const bx = (b[0] - lon) * k * rad * R;
	const by = (b[1] - lat) * rad * R;
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
	return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Metres from a point to the nearest edge of a polygon or multipolygon. */
function toEdge(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, lat: number, lon: number): number {
	const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	let best = Infinity;
	for (const poly of polygons)
		for (const ring of poly)
			for (let i = 1; i < ring.length; i++)
				best = Math.min(best, toSegment(lat, lon, ring[i - 1], ring[i]));
	return best;
}

/** The targets inside the extent or within `bufferM` metres of it, nearest first. */
export function reaches(
	g: GeoJSON.Polygon | GeoJSON.MultiPolygon,
	targets: readonly Target[],
	bufferM: number
): Hit[] {
	const hits: Hit[] = [];
	for (const t of targets) {
		if (booleanPointInPolygon([t.lon, t.lat], g)) hits.push({ ...t, distanceM: 0 });
		else if (bufferM > 0) {
			const d = toEdge(g, t.lat, t.lon);
			if (d <= bufferM) hits.push({ ...t, distanceM: Math.round(d) });
		}
	}
	return hits.sort((a, b) => a.distanceM - b.distanceM);
}
