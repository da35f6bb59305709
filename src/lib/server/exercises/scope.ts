import { error, type Cookies } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts/common';
import { EXERCISE_COOKIE, REAL_PARAM } from '$lib/live/scope';

export { EXERCISE_COOKIE, REAL_PARAM };

/**
 * Which picture a read is for: the real one (`null`) or one exercise's (its id). Every read of
 * the picture takes a scope and the real one is the default, so a read that forgets to ask gets
 * no drill rows (docs/design.md: drill data is never mixed into real data).
 */
export type Scope = string | null;
export const REAL: Scope = null;

/**
 * SQL: the row at `col` belongs to the scope given as parameter `$n` (text, null for real).
 * `is not distinct from` matches null with null, so one statement serves both pictures.
 */
export const inScope = (col: string, n: number) => `${col} is not distinct from $${n}::text`;

/**
 * `?exercise=` of a request: undefined when absent, the scope when valid; a 400 otherwise (a
 * typing mistake must not silently show the real picture on a screen meant for a drill).
 */
export function scopeParam(url: URL): Scope | undefined {
	const raw = url.searchParams.get('exercise');
	if (raw === null) return undefined;
	if (raw === '' || raw === REAL_PARAM) return REAL;
	if (!ID_PATTERN.test(raw)) error(400, 'exercise must be an id of 1-64 characters [A-Za-z0-9_-]');
	return raw;
}

/** The scope a cookie remembers; real when absent or not an id. */
export function scopeCookie(cookies: Cookies): Scope {
	const raw = cookies.get(EXERCISE_COOKIE);
	return raw && ID_PATTERN.test(raw) ? raw : REAL;
}

/** The row's exercise matches the scope (the same test as `inScope`, for rows already read). */
export const matchesScope = (exercise: string | null | undefined, scope: Scope) =>
	(exercise ?? null) === scope;

/**
 * The picture of a page request (console, drills): `?exercise=` when given (remembered in a
 * cookie, as `?lang=` is), else the cookie, else real. A stream or API request takes only its
 * own `?exercise=`: it never inherits a cookie that another tab may have changed.
 */
export function scopeOfPage(url: URL, cookies: Cookies): Scope {
	const asked = scopeParam(url);
	if (asked === undefined) return scopeCookie(cookies);
	if (asked === null) cookies.delete(EXERCISE_COOKIE, { path: '/' });
	else
		cookies.set(EXERCISE_COOKIE, asked, {
			path: '/',
			httpOnly: false, // the wall (a client-only page) reads it for its banner
			sameSite: 'lax',
			secure: false,
			maxAge: 60 * 60 * 24 * 30
		});
	return asked;
}
