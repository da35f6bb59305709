const BASE = 'http://eocwall.invalid';
// Browsers drop tabs and newlines inside a URL ("/\t/evil" becomes "//evil") and read "\" as "/":
// a next holding any of these, or any other control character, is refused outright.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Where to go after signing in: a path on this site only. The value is resolved as a URL against
 * this site, and anything that resolves elsewhere (`//host`, `/\host`, `https://host/`) is
 * refused, as are control characters and the sign-in and sign-out pages themselves.
 */
export function safeNext(v: unknown, fallback = '/'): string {
	if (typeof v !== 'string' || v.length > 500 || !v.startsWith('/') || v.startsWith('//'))
		return fallback;
	if (UNSAFE_CHARS.test(v)) return fallback;
	let u: URL;
	try {
		u = new URL(v, BASE);
	} catch {
		return fallback;
	}
	if (u.origin !== BASE) return fallback;
	if (/^\/(login|logout)(\/|$)/.test(u.pathname)) return fallback;
	return u.pathname + u.search + u.hash;
}
