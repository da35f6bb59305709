import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { bodyLimitFor, limitBody } from './body-limit';

/** A body of `chunks` chunks of 1 KiB, as a chunked upload sends it, counting what was pulled. */
function chunked(chunks: number) {
	const pulled = { n: 0 };
	const stream = new ReadableStream<Uint8Array>({
		pull(c) {
			if (pulled.n >= chunks) return c.close();
			pulled.n++;
			c.enqueue(new Uint8Array(1024));
		}
	});
	return { stream, pulled };
}

describe('streamed body limit', () => {
	it('passes a body under the limit whole', async () => {
		const { stream } = chunked(4);
		const text = await new Response(limitBody(stream, 4 * 1024)).arrayBuffer();
		expect(text.byteLength).toBe(4096);
	});

	it('fails a body over the limit with a 413 while it streams, without reading the rest', async () => {
		const { stream, pulled } = chunked(10_000);
		const req = new Request('http://app/login', {
			method: 'POST',
			body: limitBody(stream, 8 * 1024),
			duplex: 'half'
		} as RequestInit);
		const err = await req.text().then(
			() => null,
			(e: unknown) => e
		);
		expect(isHttpError(err) && err.status).toBe(413);
		expect(pulled.n).toBeLessThan(20);
	});

	it('allows a large body only on the layer upload', () => {
		expect(bodyLimitFor('/admin/layers')).toBe(33 * 1024 * 1024);
		expect(bodyLimitFor('/login')).toBe(256 * 1024);
		expect(bodyLimitFor(null)).toBe(256 * 1024);
	});
});
