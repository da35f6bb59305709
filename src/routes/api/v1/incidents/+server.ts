import { error, json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { readIncidents } from '$lib/server/entities/incident/read';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** Open incidents; `?closed=true` includes closed ones; `?exercise=<id>` reads a drill's. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const closed = event.url.searchParams.get('closed');
	if (closed !== null && closed !== 'true' && closed !== 'false') {
		error(400, 'closed must be true or false');
	}
	return json(await readIncidents(services().db, closed === 'true', scopeParam(event.url) ?? REAL));
};
