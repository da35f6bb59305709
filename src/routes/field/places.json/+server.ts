import { json } from '@sveltejs/kit';
import { placeIndex } from '$lib/server/places';
import { placeLabelRows } from '$lib/server/places/labels';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * The settlements a field team may name as the place of a report (the maps' label rows: public
 * GeoNames settlements and the admin's villages and jamoats), for the field app, which has no
 * session; its service worker keeps the last copy for use offline.
 */
export const GET: RequestHandler = async () => {
	const rows = placeLabelRows(await placeIndex(services().db)).map((p) => ({
		id: p.id,
		names: p.names,
		lat: Number(p.lat.toFixed(5)),
		lon: Number(p.lon.toFixed(5))
	}));
	return json(rows, { headers: { 'cache-control': 'public, max-age=300' } });
};
