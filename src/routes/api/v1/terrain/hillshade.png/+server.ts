import { requireReader } from '$lib/server/auth/access';
import { services } from '$lib/server/app/runtime';
import { terrain } from '$lib/server/terrain';
import type { RequestHandler } from './$types';

/** The hillshade of the terrain as a PNG, made once per process (its bounds: /api/v1/terrain). */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const { png } = await terrain(services().config.TERRAIN_PATH);
	return new Response(new Uint8Array(png), {
		headers: {
			'content-type': 'image/png',
			'content-length': String(png.length),
			'cache-control': 'private, max-age=3600'
		}
	});
};
