import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { services } from '$lib/server/app/runtime';
import { BASEMAP_PATH } from '$lib/reference/types';
import type { RequestHandler } from './$types';

/** Which basemap the wall should draw: the PMTiles archive's URL, or null when none is set. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json({ pmtiles: services().config.BASEMAP_PMTILES ? BASEMAP_PATH : null });
};
