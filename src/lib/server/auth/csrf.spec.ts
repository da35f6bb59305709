import { describe, expect, it } from 'vitest';
import { createCsrfHandle } from './csrf';

const ok = new Response('ok');
async function run(
	method: string,
	headers: Record<string, string>,
	configured?: string
): Promise<number> {
	const handle = createCsrfHandle(() => configured);
	const request = new Request('https://ignored.example/login', { method, headers });
	try {
		const r = await handle({
			event: { request, url: new URL('https://eoc.lan:3000/login') } as never,
			resolve: async () => ok
		});
		return r.status;
	} catch (e) {
		return (e as { status: number }).status;
	}
}
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the cross-site form check', () => {
	it('lets a form post from a page of the same host through, over http or https', async () => {
		expect(
			await run('POST', { ...form, host: 'eoc.lan:3000', origin: 'http://eoc.lan:3000' })
		).toBe(200);
		expect(
			await run('POST', { ...form, host: 'eoc.lan:3000', origin: 'https://eoc.lan:3000' })
		).toBe(200);
	});
	it('refuses a form post from another site, or one without an Origin', async () => {
		expect(
			await run('POST', { ...form, host: 'eoc.lan:3000', origin: 'http://evil.example' })
		).toBe(403);
		expect(await run('POST', { ...form, host: 'eoc.lan:3000' })).toBe(403);
		expect(await run('POST', { ...form, host: 'eoc.lan:3000', origin: 'null' })).toBe(403);
	});
	it('accepts the host of ORIGIN (behind a proxy that rewrites Host)', async () => {
		const h = { ...form, host: '127.0.0.1:3000', origin: 'https://eoc.example.org' };
		expect(await run('POST', h)).toBe(403);
		expect(await run('POST', h, 'https://eoc.example.org')).toBe(200);
	});
	it('leaves reads and non-browser clients alone', async () => {
		expect(await run('GET', { origin: 'http://evil.example' })).toBe(200);
		expect(await run('POST', { 'content-type': 'application/json' })).toBe(200);
		expect(
			await run('DELETE', { 'content-type': 'application/json', origin: 'http://evil.example' })
		).toBe(403);
	});
});
