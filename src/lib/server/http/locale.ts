import type { Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { isLocale } from '$lib/i18n';

/**
 * The language of server-rendered pages: `?lang=` (which also sets the cookie, as on the wall),
 * else the cookie, else the browser's preference, else English (paraglide's strategy).
 */
export const handleLocale: Handle = ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang');
	let request = event.request;
	if (isLocale(lang)) {
		event.cookies.set(cookieName, lang, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: false
		});
		const headers = new Headers(request.headers);
		const others = (headers.get('cookie') ?? '')
			.split(';')
			.filter((c) => c.trim() && !c.trim().startsWith(cookieName + '='));
		headers.set('cookie', [...others, `${cookieName}=${lang}`].join(';'));
		request = new Request(request, { headers });
	}
	return paraglideMiddleware(request, ({ request: localised, locale }) => {
		// The middleware hands on a copy of the request; the route must read that one's body.
		event.request = localised;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});
};
