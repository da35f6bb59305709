import { error, json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Open incidents; `?closed=true` includes closed ones; `?exercise=<id>` reads a drill's. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const closed = event.url.searchParams.get('closed');
	if (closed !== null && closed !== 'true' && closed !== 'false') {
		error(400, 'closed must be true or false');
	}
	return json(
		await reads.incidents(services().db, closed === 'true', scopeParam(event.url) ?? REAL)
	);
};
