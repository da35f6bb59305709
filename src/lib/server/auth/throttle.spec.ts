import { describe, expect, it } from 'vitest';
import { clientAddress, delayAfter, THROTTLE } from './throttle';

describe('sign-in throttle delays', () => {
	it('lets the first failures of an account through, then doubles the wait', () => {
		const free = THROTTLE.free.account;
		for (let n = 1; n < free; n++) expect(delayAfter(n, 'account')).toBe(0);
		expect(delayAfter(free, 'account')).toBe(30);
		expect(delayAfter(free + 1, 'account')).toBe(60);
		expect(delayAfter(free + 2, 'account')).toBe(120);
	});

	it('never blocks for longer than 15 minutes, however many failures', () => {
		expect(delayAfter(THROTTLE.free.account + 5, 'account')).toBe(900);
		expect(delayAfter(1_000_000, 'account')).toBe(900);
		expect(delayAfter(1_000_000, 'address')).toBe(900);
	});

	it('allows an address (many people behind one NAT) more free failures than an account', () => {
		expect(delayAfter(THROTTLE.free.account, 'address')).toBe(0);
		expect(delayAfter(THROTTLE.free.address - 1, 'address')).toBe(0);
		expect(delayAfter(THROTTLE.free.address, 'address')).toBe(30);
	});
});

describe('clientAddress', () => {
	it("takes adapter-node's address, and 'unknown' when the proxy header is missing", () => {
		expect(clientAddress({ getClientAddress: () => '203.0.113.5' })).toBe('203.0.113.5');
		const missing = () => {
			throw new Error(
				'Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent from request'
			);
		};
		expect(clientAddress({ getClientAddress: missing })).toBe('unknown');
	});
});
