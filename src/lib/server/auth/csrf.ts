import { error, type Handle } from '@sveltejs/kit';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: a form post must come from a page of this site. SvelteKit's own
 * check compares the Origin header with the origin adapter-node derives, which without ORIGIN
 * assumes https (so every form post over plain http on an EOC's LAN would be refused). This one
 * compares the Origin's host with the Host the browser addressed, or with ORIGIN when it is set,
 * whatever the scheme. Sessions are SameSite=Lax cookies besides.
 */
export function createCsrfHandle(configuredOrigin: () => string | undefined): Handle {
	return ({ event, resolve }) => {
		const { request } = event;
		if (!UNSAFE.has(request.method)) return resolve(event);
		const origin = request.headers.get('origin');
		const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		const isForm = FORM_TYPES.includes(type);
		if (!origin && !isForm) return resolve(event); // a non-browser client (no cookies of ours)
		let originHost: string | null;
		try {
			originHost = origin ? new URL(origin).host : null;
		} catch {
			originHost = null;
		}
		const allowed = new Set([request.headers.get('host') ?? event.url.host]);
		const configured = configuredOrigin();
		if (configured) allowed.add(new URL(configured).host);
		if (!originHost || !allowed.has(originHost))
			error(403, `Cross-site ${request.method} refused: send it from a page of this site.`);
		return resolve(event);
	};
}
