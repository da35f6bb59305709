import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { placeIndex } from '$lib/server/places';
import { placeLabelRows } from '$lib/server/places/labels';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * The settlements the wall's and the console's maps label (lib/wall/map/layers/places.ts): about
 * a hundred rows, each with its names per language, largest first. From the app, never a CDN.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(placeLabelRows(await placeIndex(services().db)), {
		headers: { 'cache-control': 'private, max-age=60' }
	});
};
