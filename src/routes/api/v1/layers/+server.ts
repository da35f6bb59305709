import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { listReferences } from '$lib/server/reference/store';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** The reference layers, without their features: what the wall fetches first. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await listReferences(services().db), { headers: { 'cache-control': 'no-cache' } });
};
