/** Where to go after signing in: a path on this site only (never `//host` or a full URL). */
export function safeNext(v: unknown, fallback = '/'): string {
	if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\'))
		return fallback;
	if (v.startsWith('/login') || v.startsWith('/logout')) return fallback;
	return v.slice(0, 500);
}
