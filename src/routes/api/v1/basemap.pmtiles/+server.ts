import { error } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { serveFileRange } from '$lib/server/reference/range';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** The regional basemap named by BASEMAP_PMTILES, in byte ranges; 404 when none is configured. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const path = services().config.BASEMAP_PMTILES;
	if (!path) error(404, 'No basemap configured (BASEMAP_PMTILES is not set)');
	return serveFileRange(path, event.request, 'application/vnd.pmtiles');
};

export const HEAD: RequestHandler = GET;
