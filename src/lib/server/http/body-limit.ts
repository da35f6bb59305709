import { error, isHttpError, type Handle } from '@sveltejs/kit';

/**
 * adapter-node takes one body limit for every route (BODY_SIZE_LIMIT, which `npm start` raises
 * to 33 MiB so that an admin can upload a reference layer). Every other route keeps a small
 * limit here (the pairing endpoint a tiny one), so that an anonymous sign-in form cannot be sent megabytes to hold in memory.
 */
const LIMITS: Record<string, number> = {
	'/admin/layers': 33 * 1024 * 1024,
	// A pairing code, anonymous: a few bytes are all it takes.
	'/api/v1/field/pair': 1024
};
const DEFAULT_LIMIT = 256 * 1024;

export function bodyLimitFor(routeId: string | null): number {
	return LIMITS[routeId ?? ''] ?? DEFAULT_LIMIT;
}

function tooLarge(limit: number): Error {
	try {
		error(413, `The request is too large (at most ${Math.round(limit / 1024)} KiB here).`);
	} catch (e) {
		if (isHttpError(e)) return e as unknown as Error;
		throw e;
	}
}

/**
 * The body counted as it streams: past `limit` bytes the stream fails with a 413, so whoever
 * reads it (a form action, an endpoint) stops there and the request is answered 413. A chunked
 * upload announces no length, so only counting what arrives can refuse it. The source is not
 * cancelled (that would drop the connection before the answer is written).
 */
export function limitBody(body: ReadableStream<Uint8Array>, limit: number) {
	let seen = 0;
	return body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				seen += chunk.byteLength;
				if (seen <= limit) controller.enqueue(chunk);
				else controller.error(tooLarge(limit));
			}
		}),
		{ preventCancel: true }
	);
}

export const handleBodyLimit: Handle = ({ event, resolve }) => {
	const { method, headers, body } = event.request;
	if (method === 'GET' || method === 'HEAD' || !body) return resolve(event);
	const limit = bodyLimitFor(event.route.id);
	const length = Number(headers.get('content-length') ?? NaN);
	if (Number.isFinite(length) && length > limit) throw tooLarge(limit);
	// A stated length is enforced by the server as the body arrives; without one, count here.
	// Past the limit nothing more reaches the app; Node discards what the client still sends
	// (closing the connection instead could cut the 413 off before the client reads it).
	if (Number.isFinite(length)) return resolve(event);
	event.request = new Request(event.request, {
		body: limitBody(body, limit),
		duplex: 'half'
	} as RequestInit);
	return resolve(event);
};
