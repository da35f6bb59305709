import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, sameSecret } from './webhook-signature';

const sign = (key: string, body: string, ts: number) => ({
	'x-timestamp': String(ts),
	'x-signature': createHmac('sha256', key)
		.update(body + ts)
		.digest('hex')
});

describe('webhook signatures', () => {
	const now = Date.parse('2026-12-08T00:00:00Z');
	const t = now / 1000;

	it('holds for the body and timestamp signed with the key, and for nothing changed', () => {
		expect(checkSignature('k', '{"a":1}', new Headers(sign('k', '{"a":1}', t)), now)).toBeNull();
		expect(checkSignature('k', '{"a":2}', new Headers(sign('k', '{"a":1}', t)), now)).toBe(
			'bad X-Signature'
		);
		expect(checkSignature('other', '{"a":1}', new Headers(sign('k', '{"a":1}', t)), now)).toBe(
			'bad X-Signature'
		);
		const h = new Headers(sign('k', '{"a":1}', t));
		h.set('x-signature', 'zz');
		expect(checkSignature('k', '{"a":1}', h, now)).toBe('bad X-Signature');
	});

	it('refuses a timestamp more than 5 minutes off (a replayed request) and a missing header', () => {
		expect(checkSignature('k', 'b', new Headers(sign('k', 'b', t - 301)), now)).toMatch(
			/5 minutes/
		);
		expect(checkSignature('k', 'b', new Headers(sign('k', 'b', t + 301)), now)).toMatch(
			/5 minutes/
		);
		expect(checkSignature('k', 'b', new Headers(sign('k', 'b', t - 299)), now)).toBeNull();
		expect(checkSignature('k', 'b', new Headers(), now)).toMatch(/no X-Signature/);
	});

	it('compares secrets whole', () => {
		expect(sameSecret('abc', 'abc')).toBe(true);
		expect(sameSecret('ab', 'abc')).toBe(false);
		expect(sameSecret(null, 'abc')).toBe(false);
	});
});
