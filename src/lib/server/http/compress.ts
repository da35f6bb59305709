import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

/**
 * Compresses the API's data responses (JSON, GeoJSON, CSV, KML, CAP XML) for clients that accept
 * it, brotli before gzip. The app's own files are precompressed at build time and served by
 * adapter-node before this hook; a district office on a slow link fetches the rest here (the
 * wall's place labels, the exports). Left as they are: the stream (text/event-stream must flow),
 * the basemap's byte ranges, images, anything already encoded, small bodies, and pages (HTML
 * carrying a form's values is where BREACH-style guessing works; it is small anyway).
 */
const TYPES =
	/^(application\/(json|geo\+json|xml|cap\+xml|vnd\.google-earth\.kml\+xml)|text\/(csv|xml|plain))\b/i;
/** Under this the headers cost more than the saving. */
export const MIN_COMPRESS_BYTES = 1024;
/** A body above this is not buffered for compression (the exports stay well under it). */
const MAX_COMPRESS_BYTES = 32 * 1024 * 1024;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** The encoding to use for an Accept-Encoding header: br, gzip or none (q=0 refuses one). */
export function chooseEncoding(accept: string | null): 'br' | 'gzip' | null {
	const allowed = new Map<string, number>();
	for (const part of (accept ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = q ? Number(q.slice(2)) : 1;
		allowed.set(name, Number.isFinite(value) ? value : 0);
	}
	const ok = (e: string) => (allowed.get(e) ?? allowed.get('*') ?? 0) > 0;
	return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Whether a response is one this hook compresses (before reading its body). */
export function compressible(res: Response, method: string): boolean {
	if (method !== 'GET' || res.status !== 200 || !res.body) return false;
	if (res.headers.has('content-encoding') || res.headers.has('content-range')) return false;
	if (!TYPES.test(res.headers.get('content-type') ?? '')) return false;
	const length = Number(res.headers.get('content-length') ?? NaN);
	return !(length < MIN_COMPRESS_BYTES || length > MAX_COMPRESS_BYTES);
}

export const handleCompress: Handle = async ({ event, resolve }) => {
	const res = await resolve(event);
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
	if (!compressible(res, event.request.method)) return res;
	const headers = new Headers(res.headers);
	headers.append('vary', 'Accept-Encoding');
	if (!encoding) return new Response(res.body, { status: res.status, headers });
	const body = Buffer.from(await res.arrayBuffer());
	if (body.length < MIN_COMPRESS_BYTES || body.length > MAX_COMPRESS_BYTES)
		return new Response(body, { status: res.status, headers });
	const packed =
		encoding === 'br'
			? await br(body, {
					params: {
						// Quality 5: most of the saving for a fraction of the CPU of 11.
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.length
					}
				})
			: await gz(body, { level: 6 });
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(packed.length));
	return new Response(packed, { status: res.status, headers });
};
