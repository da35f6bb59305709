import { expect } from 'vitest';

/**
 * A browser-like client on fetch for form actions and pages: keeps the cookies the app sets,
 * sends a same-site Origin with posts, and never follows redirects (tests look at them).
 * `headers` go with every request (a proxy's X-Forwarded-*; `origin` replaces the same-site one).
 */
export class FormClient {
	readonly cookies = new Map<string, string>();
	constructor(
		readonly base: string,
		readonly headers: Record<string, string> = {}
	) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(path: string, init: RequestInit = {}): Promise<Response> {
		const r = await fetch(this.base + path, {
			...init,
			redirect: 'manual',
			headers: {
				accept: 'text/html',
				...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
				...(init.method === 'POST' ? { origin: this.base } : {}),
				// A FormData body: fetch writes the multipart type with its boundary.
				...(init.method === 'POST' && !(init.body instanceof FormData)
					? { 'content-type': 'application/x-www-form-urlencoded' }
					: {}),
				...this.headers,
				...(init.headers ?? {})
			}
		});
		for (const c of r.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const [name, ...v] = pair.split('=');
			const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
			if (expired || v.join('=') === '') this.cookies.delete(name.trim());
			else this.cookies.set(name.trim(), v.join('='));
		}
		return r;
	}

	get(path: string): Promise<Response> {
		return this.request(path);
	}

	post(path: string, fields: Record<string, string>): Promise<Response> {
		return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
	}

	/** A multipart post of one CSV file as `file` (and other fields), as an import form sends it. */
	postFile(path: string, name: string, text: string, fields: Record<string, string> = {}) {
		const body = new FormData();
		body.set('file', new Blob([text], { type: 'text/csv' }), name);
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		return this.request(path, { method: 'POST', body });
	}

	/** Signs in and checks that the app answered with a redirect and a session. */
	async signIn(email: string, password: string): Promise<Response> {
		const r = await this.post('/login', { email, password });
		expect(r.status, `sign-in of ${email}`).toBe(303);
		// eocwall_session on http; __Host-session under https (ORIGIN or X-Forwarded-Proto).
		expect(this.cookies.has('eocwall_session') || this.cookies.has('__Host-session')).toBe(true);
		return r;
	}
}

/** The text of the first element with this data-testid in an HTML page ('' when absent). */
export function testId(html: string, id: string): string {
	const m = html.match(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`));
	return m
		? m[1]
				.replace(/<!--[\s\S]*?-->/g, '')
				.replace(/\s+/g, ' ')
				.trim()
		: '';
}

/**
 * The console's new-incident form (`POST /console?/create`) with every field filled: a flood of
 * severity 3 in Kulob, no one hurt or affected, unless `fields` says otherwise.
 */
export function incidentForm(fields: Record<string, string> & { title: string }) {
	return {
		type: 'flood',
		severity: '3',
		lat: '37.91',
		lon: '69.78',
		dead: '0',
		injured: '0',
		missing: '0',
		trapped: '0',
		people: '0',
		households: '0',
		description: '',
		...fields
	};
}
