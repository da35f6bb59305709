import { ServerResponse } from 'node:http';

/**
 * Headers every response carries, pages, endpoints, static files and errors alike. The CSP is
 * SvelteKit's (`kit.csp` in svelte.config.js: it puts a nonce on its own scripts), on pages.
 * HSTS only when the app is reached over https (ORIGIN): on a LAN served over plain http it
 * would lock browsers out.
 */
export function securityHeaders(origin: string | undefined): Record<string, string> {
	return {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		// For browsers without CSP frame-ancestors, and responses without a CSP (static files,
		// the error page of a hook): no page of the app is meant to be framed.
		'x-frame-options': 'DENY',
		...(origin?.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000' } : {})
	};
}

const INSTALLED = Symbol.for('eocwall.securityHeaders');

/**
 * Adds the headers to every HTTP response of this process, unless the response set its own.
 * Hooks cannot do it: adapter-node serves static files (sirv) before SvelteKit sees the request,
 * and a response made from an error thrown in a hook (401, 403, 413) skips the rest of `handle`.
 * Node's `writeHead` is the one place every response passes (an implicit head calls it too).
 */
export function installSecurityHeaders(origin = process.env.ORIGIN): void {
	const proto = ServerResponse.prototype as ServerResponse & { [INSTALLED]?: true };
	if (proto[INSTALLED]) return;
	proto[INSTALLED] = true;
	const headers = Object.entries(securityHeaders(origin));
	const writeHead = proto.writeHead;
	proto.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
		if (!this.headersSent)
			for (const [k, v] of headers) if (!this.hasHeader(k)) this.setHeader(k, v);
		return writeHead.apply(this, args);
	} as typeof writeHead;
}
