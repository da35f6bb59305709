import { error } from '@sveltejs/kit';
import { services } from '$lib/server/app/runtime';
import { PHOTO_ID, readPhoto } from '$lib/server/entities/incident/photos';
import type { RequestHandler } from './$types';

/**
 * A field report's photo, as stored (its type was checked against its bytes at the ingest). The
 * headers keep the bytes an image: no sniffing into another type, no script even if opened alone,
 * and a private cache (a photo never changes; its id is random).
 */
export const GET: RequestHandler = async ({ params }) => {
	if (!PHOTO_ID.test(params.id)) error(404, 'photo_not_found');
	const photo = await readPhoto(services().db, params.id);
	if (!photo) error(404, 'photo_not_found');
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': photo.type,
			'content-length': String(photo.bytes.length),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': 'private, max-age=86400, immutable'
		}
	});
};
