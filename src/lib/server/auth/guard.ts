import { error, redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { log } from '../ops/log';
import { readiness } from '../app/runtime';
import { allows, type Principal } from './roles';
import { ruleFor } from './rules';
import {
	clearSessionCookie,
	sessionCookieName,
	DAY,
	SESSION_MAX_AGE_MS,
	sessionStillValid,
	setSessionCookie,
	validateSessionToken
} from './session';
import { DISPLAY_COOKIE, validateAccessToken } from './tokens';

/**
 * Whether cookies carry `Secure`: when ORIGIN says the app is reached over https. Not from the
 * request's URL: without ORIGIN adapter-node assumes https, and a browser on plain http (an EOC's
 * LAN) would then drop the cookie.
 */
export function secureCookies(): boolean {
	return readiness().services?.config.ORIGIN?.startsWith('https:') ?? false;
}

/** The absolute session lifetime the running app is configured with (SESSION_MAX_AGE_DAYS). */
export function sessionMaxAgeMs(): number {
	const days = readiness().services?.config.SESSION_MAX_AGE_DAYS;
	return days ? days * DAY : SESSION_MAX_AGE_MS;
}

/**
 * Who is asking: a signed-in person (session cookie), an integration (`Authorization: Bearer
 * eoc_a_…`) or a wall kiosk (display cookie). Always sets `locals.principal`, `locals.user` and
 * `locals.session` (null when absent). A cookie that no longer validates is cleared: a disabled
 * user's session, or one an admin ended, stops working on its next request.
 */
export const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.principal = null;
	event.locals.user = null;
	event.locals.session = null;
	const state = readiness();
	const db = state.phase === 'ready' ? state.services?.db : undefined;
	if (db) {
		const secure = secureCookies();
		const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
		const sessionToken = event.cookies.get(sessionCookieName(secure));
		const displayToken = event.cookies.get(DISPLAY_COOKIE);
		if (sessionToken) {
			const r = await validateSessionToken(db, sessionToken, sessionMaxAgeMs());
			if (r) {
				event.locals.principal = event.locals.user = r.user;
				event.locals.session = r.session;
				// Sent again only when the expiry moved, not on every request.
				if (r.renewed) setSessionCookie(event.cookies, sessionToken, r.session.expiresAt, secure);
			} else clearSessionCookie(event.cookies, secure);
		}
		if (!event.locals.principal && bearer)
			event.locals.principal = await validateAccessToken(db, bearer, 'api');
		if (!event.locals.principal && displayToken)
			event.locals.principal = await validateAccessToken(db, displayToken, 'display');
	}
	return resolve(event);
};

/**
 * For a request that outlives its first check (a live stream): asks again whether whoever opened
 * it may still read. A session ended or a user disabled at /admin, or a token revoked, answers
 * false; the stream then closes instead of feeding a leaver's open screen.
 */
export function principalCheck(event: RequestEvent): () => Promise<boolean> {
	const db = readiness().services?.db;
	const { session, principal } = event.locals;
	if (!db || !principal) return async () => false;
	if (session) return () => sessionStillValid(db, session.id, sessionMaxAgeMs());
	const kind = principal.kind === 'api' ? 'api' : 'display';
	const token =
		kind === 'api'
			? event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
			: event.cookies.get(DISPLAY_COOKIE);
	if (!token) return async () => false;
	return async () => (await validateAccessToken(db, token, kind)) !== null;
}

/** Routes a person must reach while a one-time password is still to be changed. */
const WHILE_CHANGING_PASSWORD = new Set(['/account', '/logout']);

function wantsHtml(event: RequestEvent): boolean {
	return (
		event.request.method === 'GET' &&
		(event.request.headers.get('accept') ?? '').includes('text/html')
	);
}

/** JSON for machines, src/error.html for a browser (an error thrown in a hook renders that). */
function deny(status: 401 | 403 | 503, message: string): never {
	error(status, message);
}

/**
 * Enforces `ROUTE_RULES` for every request that reaches a route. A person who is not signed in is
 * sent to the sign-in page (pages) or answered 401 (everything else); a principal without the
 * grant gets 403. A route missing from the table is refused and logged.
 */
export const handleAccess: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	if (!routeId) return resolve(event); // no such route: SvelteKit answers 404
	const rule = ruleFor(routeId, event.request.method, event.url.search);
	if (rule === undefined) {
		log.error({ routeId, method: event.request.method }, 'route has no access rule: refused');
		deny(403, 'This route has no access rule; it is refused until one is added.');
	}
	if (rule === 'public') return resolve(event);
	const p: Principal | null = event.locals.principal;
	if (!p) {
		if (readiness().phase !== 'ready')
			deny(503, 'The server is starting; try again in a few seconds.');
		if (wantsHtml(event)) {
			const next = event.url.pathname + event.url.search;
			redirect(303, `/login?next=${encodeURIComponent(next)}`);
		}
		deny(401, 'Sign in, or send a display or API token.');
	}
	if (p.kind === 'user' && p.mustChangePassword && !WHILE_CHANGING_PASSWORD.has(routeId)) {
		if (wantsHtml(event)) redirect(303, '/account?first=1');
		deny(403, 'Change the one-time password first (/account).');
	}
	if (!allows(rule, p)) deny(403, 'Your role does not allow this.');
	return resolve(event);
};
