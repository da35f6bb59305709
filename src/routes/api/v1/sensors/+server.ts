import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await reads.sensors(services().db, scopeParam(event.url) ?? REAL));
};
