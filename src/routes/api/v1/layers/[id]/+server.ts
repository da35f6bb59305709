import { error } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { readReference } from '$lib/server/reference/store';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * One reference layer's GeoJSON. The ETag follows the import (id and time), so a wall that
 * reloads gets 304 instead of megabytes; `no-cache` makes it ask, since a re-import replaces it.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const layer = await readReference(services().db, event.params.id);
	if (!layer) error(404, `No reference layer "${event.params.id}"`);
	const etag = `"${layer.summary.id}-${Date.parse(layer.summary.updatedAt)}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (event.request.headers.get('if-none-match') === etag) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(layer.geojson, {
		headers: { ...headers, 'content-type': 'application/geo+json; charset=utf-8' }
	});
};
