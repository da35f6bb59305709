import { error, type Handle } from '@sveltejs/kit';

/**
 * adapter-node takes one body limit for every route (BODY_SIZE_LIMIT, which `npm start` raises
 * to 33 MiB so that an admin can upload a reference layer). Every other route keeps a small
 * limit here, so that an anonymous sign-in form cannot be sent megabytes to hold in memory.
 */
const LARGE: Record<string, number> = { '/admin/layers': 33 * 1024 * 1024 };
const DEFAULT_LIMIT = 256 * 1024;

export const handleBodyLimit: Handle = ({ event, resolve }) => {
	const { method, headers } = event.request;
	if (method === 'GET' || method === 'HEAD') return resolve(event);
	const limit = LARGE[event.route.id ?? ''] ?? DEFAULT_LIMIT;
	const length = Number(headers.get('content-length') ?? NaN);
	// Without a length (chunked), adapter-node's own limit still counts what arrives.
	if (Number.isFinite(length) && length > limit)
		error(413, `The request is too large (at most ${Math.round(limit / 1024)} KiB here).`);
	return resolve(event);
};
