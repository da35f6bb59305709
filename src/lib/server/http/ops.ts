import { randomBytes } from 'node:crypto';
import { isHttpError, isRedirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { log } from '../ops/log';
import { observeHttp } from '../ops/metrics';

/**
 * An unexpected error (a bug, a database gone mid-request): logged as JSON with its stack under
 * `err` and an id; the client gets a generic message and that id to quote, never the error's
 * own text (it may name tables, hosts or values).
 */
export const handleUnexpected: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message }; // a path that names nothing: not a fault
	const errorId = randomBytes(6).toString('hex');
	log.error(
		{ err: error, errorId, status, route: event.route.id, method: event.request.method },
		'unexpected error'
	);
	return { message: status >= 500 ? 'Internal error' : message, errorId };
};

/** Times every request into `eocwall_http_request_duration_seconds`, errors thrown included. */
export const handleTiming: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (e) {
		if (isHttpError(e) || isRedirect(e)) status = e.status;
		throw e;
	} finally {
		const s = (performance.now() - started) / 1000;
		observeHttp(event.route.id, event.request.method, status, s);
	}
};
