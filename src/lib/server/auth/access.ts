import { error, type RequestEvent } from '@sveltejs/kit';
import { allows, READ } from './roles';

/**
 * Who may read the live picture (stream and JSON reads): a signed-in person, a display token or
 * an API token. The `handleAccess` hook enforces the route table before any route runs; each read
 * route checks again here, so a route moved outside the table still does not read for anyone.
 */
export function requireReader(event: RequestEvent): void {
	if (!allows(READ, event.locals.principal ?? null))
		error(401, 'Sign in, or send a display or API token.');
}
