import { z } from 'zod';

/** An area on the map: [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

export const bboxSchema = z
	.tuple([
		z.number().min(-180).max(180),
		z.number().min(-90).max(90),
		z.number().min(-180).max(180),
		z.number().min(-90).max(90)
	])
	.refine(([w, s, e, n]) => w < e && s < n, 'west < east and south < north');

/**
 * `?area=west,south,east,north` of a wall screen: the area its map fits instead of the operational
 * area (a drill's town, one screen of a multi-screen wall). Absent: null. Anything else that is not
 * four numbers in range with west < east and south < north is refused (the screen says so).
 */
export function parseAreaParam(value: string | null): { bbox: Bbox | null; bad: boolean } {
	if (value === null) return { bbox: null, bad: false };
	const parts = value.split(',');
	const parsed = bboxSchema.safeParse(parts.map((p) => (p.trim() === '' ? NaN : Number(p))));
	return parsed.success ? { bbox: parsed.data, bad: false } : { bbox: null, bad: true };
}
