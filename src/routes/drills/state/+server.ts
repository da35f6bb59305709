import { json } from '@sveltejs/kit';
import { TRAIN } from '$lib/server/auth/roles';
import { requireGrant } from '$lib/server/drills/access';
import { drills } from '$lib/server/drills/instance';
import type { RequestHandler } from './$types';

/** The state of every drill of this process, for the trainer console's live view (polled). */
export const GET: RequestHandler = (event) => {
	requireGrant(event, TRAIN);
	return json({ drills: drills().list() }, { headers: { 'cache-control': 'no-store' } });
};
