/**
 * What a click on the console map means: on an incident's disc, that incident; elsewhere, the
 * point for a new incident. Pure (the map projects, this only compares), so it is tested alone.
 */

/** How far from an incident's centre a click still takes it, CSS px (the smallest disc is 18). */
export const PICK_RADIUS_PX = 22;

export interface Projected {
	id: string;
	x: number;
	y: number;
}

/** The incident nearest the click within `radius` px, or null. */
export function incidentAt(
	click: { x: number; y: number },
	incidents: Iterable<Projected>,
	radius = PICK_RADIUS_PX
): string | null {
	let best: string | null = null;
	let bestD = radius * radius;
	for (const i of incidents) {
		const d = (i.x - click.x) ** 2 + (i.y - click.y) ** 2;
		if (d <= bestD) {
			best = i.id;
			bestD = d;
		}
	}
	return best;
}

/** A point as the form's fields take it: five decimals (about a metre). */
export function fieldValue(n: number): string {
	return n.toFixed(5);
}

/** The form's latitude and longitude as typed, or null while they are not a point on Earth. */
export function pointOf(lat: string, lon: string): { lat: number; lon: number } | null {
	if (lat.trim() === '' || lon.trim() === '') return null;
	const la = Number(lat);
	const lo = Number(lon);
	if (!Number.isFinite(la) || !Number.isFinite(lo)) return null;
	if (Math.abs(la) > 90 || Math.abs(lo) > 180) return null;
	return { lat: la, lon: lo };
}

/** The map's centre for the test hook and screen readers: "lat,lon" to five decimals. */
export function centreText(c: { lat: number; lng: number }): string {
	return `${fieldValue(c.lat)},${fieldValue(c.lng)}`;
}
