import { error, json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/access';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Open incidents; `?closed=true` includes closed ones. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const closed = event.url.searchParams.get('closed');
	if (closed !== null && closed !== 'true' && closed !== 'false') {
		error(400, 'closed must be true or false');
	}
	return json(await reads.incidents(services().db, closed === 'true'));
};
