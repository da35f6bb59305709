import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { chooseEncoding, handleCompress, MIN_COMPRESS_BYTES } from './compress';

const big = JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i, name: `Place ${i}` })));

async function run(res: Response, accept: string | null, method = 'GET') {
	const headers = new Headers(accept === null ? {} : { 'accept-encoding': accept });
	const event = { request: new Request('http://x/api/v1/places/labels', { method, headers }) };
	return handleCompress({
		event: event as unknown as RequestEvent,
		resolve: async () => res
	});
}
const jsonRes = (body: string, extra: Record<string, string> = {}) =>
	new Response(body, {
		headers: {
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(body)),
			...extra
		}
	});

describe('chooseEncoding', () => {
	it('prefers brotli, falls back to gzip, honours q=0 and *', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0, gzip;q=0')).toBeNull();
	});
});

describe('handleCompress', () => {
	it('brotli-compresses a JSON body and it decodes to the same bytes', async () => {
		const out = await run(jsonRes(big), 'gzip, br');
		expect(out.headers.get('content-encoding')).toBe('br');
		expect(out.headers.get('vary')).toMatch(/accept-encoding/i);
		const packed = Buffer.from(await out.arrayBuffer());
		expect(Number(out.headers.get('content-length'))).toBe(packed.length);
		expect(packed.length).toBeLessThan(big.length / 3);
		expect(brotliDecompressSync(packed).toString()).toBe(big);
	});

	it('gzips for a client without brotli', async () => {
		const out = await run(jsonRes(big), 'gzip');
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await out.arrayBuffer())).toString()).toBe(big);
	});

	it('leaves alone: no accept-encoding, small bodies, the stream, encoded bodies, POST', async () => {
		const plain = await run(jsonRes(big), null);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(big);

		const small = '{"a":1}';
		expect(small.length).toBeLessThan(MIN_COMPRESS_BYTES);
		expect((await run(jsonRes(small), 'br')).headers.get('content-encoding')).toBeNull();

		const sse = new Response('data: x\n\n'.repeat(500), {
			headers: { 'content-type': 'text/event-stream' }
		});
		expect((await run(sse, 'br')).headers.get('content-encoding')).toBeNull();

		const done = await run(jsonRes(big, { 'content-encoding': 'gzip' }), 'br');
		expect(done.headers.get('content-encoding')).toBe('gzip');

		expect((await run(jsonRes(big), 'br', 'POST')).headers.get('content-encoding')).toBeNull();
	});

	it('compresses a CSV export without a content-length', async () => {
		const csv = 'id,name\n' + Array.from({ length: 200 }, (_, i) => `${i},Name ${i}`).join('\n');
		const out = await run(new Response(csv, { headers: { 'content-type': 'text/csv' } }), 'br');
		expect(out.headers.get('content-encoding')).toBe('br');
		expect(brotliDecompressSync(Buffer.from(await out.arrayBuffer())).toString()).toBe(csv);
	});
});
