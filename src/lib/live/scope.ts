/**
 * A screen's picture: the real one (null) or one exercise's. Shared by the server (which filters
 * every read and stream by it) and the wall (which names it in its stream URL and its banner).
 */
import { ID_PATTERN } from '$lib/contracts/common';

/** Remembers a screen's picture, as the language cookie remembers its language. */
export const EXERCISE_COOKIE = 'eoc_exercise';
/** What `?exercise=` takes for the real picture (an empty value means the same). */
export const REAL_PARAM = 'real';

function cookieValue(cookieHeader: string, name: string): string | null {
	for (const part of cookieHeader.split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}

/**
 * The wall's picture: `?exercise=` of its URL when valid, else the remembered cookie, else real.
 * (The server has already checked the parameter and set or cleared the cookie for the page.)
 */
export function wallScope(url: URL, cookieHeader: string): string | null {
	const asked = url.searchParams.get('exercise');
	const raw = asked ?? cookieValue(cookieHeader, EXERCISE_COOKIE);
	return raw && raw !== REAL_PARAM && ID_PATTERN.test(raw) ? raw : null;
}

/** The stream of one picture; the real one is asked for by name, so no cookie can change it. */
export function streamUrlFor(base: string, scope: string | null): string {
	return `${base}?exercise=${encodeURIComponent(scope ?? REAL_PARAM)}`;
}
