import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/access';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await reads.hazards(services().db));
};
