import type { Handle } from '@sveltejs/kit';
import { REAL, scopeOfPage } from './scope';

/**
 * The picture of a page (wall, console, drills): real, or one exercise's, chosen with
 * `?exercise=<id>` (`?exercise=real` back) and remembered per browser like the language. Machine
 * routes (/api, /metrics) take only their own `?exercise=`, read where they serve.
 */
export const handleExercise: Handle = ({ event, resolve }) => {
	const machine = event.url.pathname.startsWith('/api/') || event.url.pathname === '/metrics';
	event.locals.exercise = machine ? REAL : scopeOfPage(event.url, event.cookies);
	return resolve(event);
};
