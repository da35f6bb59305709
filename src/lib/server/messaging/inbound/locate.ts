/**
 * Where a message that names no place is put on the map, so that it is still in the queue and on
 * the wall (an incident needs a point): the sender's own area (a contact's district, jamoat or
 * polygon), else their team's last position, else the centre of the EOC's operational area. The
 * queue says which (`located`), so the operator knows the point is a stand-in.
 */
import type { Bbox } from '$lib/live/area';
import type { Queryable } from '../../db/types';

export interface Point {
	lat: number;
	lon: number;
}

/** The centre of a geometry's bounding box (a point is itself). */
export function centreOf(g: GeoJSON.Geometry): Point | null {
	const xs: number[] = [];
	const ys: number[] = [];
	const walk = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
			xs.push(c[0]);
			ys.push(c[1]);
		} else if (Array.isArray(c)) c.forEach(walk);
	};
	walk(pointsOf(g));
	if (xs.length === 0) return null;
	return {
		lon: (Math.min(...xs) + Math.max(...xs)) / 2,
		lat: (Math.min(...ys) + Math.max(...ys)) / 2
	};
}

const pointsOf = (g: GeoJSON.Geometry): unknown =>
	g.type === 'GeometryCollection' ? g.geometries.map(pointsOf) : g.coordinates;

export const bboxCentre = ([w, s, e, n]: Bbox): Point => ({ lat: (s + n) / 2, lon: (w + e) / 2 });

/** The sender's area or their team's position; null for a public sender. */
export async function senderPoint(
	q: Queryable,
	sender: { contactId: string | null; teamId: string | null }
): Promise<Point | null> {
	if (sender.contactId) {
		const [c] = await q.query<{ area: unknown }>('select area from contact where id = $1', [
			sender.contactId
		]);
		const area = typeof c?.area === 'string' ? JSON.parse(c.area) : c?.area;
		const p = area ? centreOf(area as GeoJSON.Geometry) : null;
		if (p) return p;
	}
	if (sender.teamId) {
		const [t] = await q.query<{ lat: number | null; lon: number | null }>(
			'select lat, lon from team where id = $1',
			[sender.teamId]
		);
		if (t && t.lat !== null && t.lon !== null) return { lat: t.lat, lon: t.lon };
	}
	return null;
}
