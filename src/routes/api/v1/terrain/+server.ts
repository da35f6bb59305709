import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { services } from '$lib/server/app/runtime';
import { terrain } from '$lib/server/terrain';
import type { RequestHandler } from './$types';

/** The terrain the wall shades: its source ('synthetic terrain' or a file name), bounds and image URL. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const { info } = await terrain(services().config.TERRAIN_PATH);
	return json(info);
};
