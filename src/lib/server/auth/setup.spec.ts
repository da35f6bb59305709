import { describe, expect, it } from 'vitest';
import { issueSetupToken, retireSetupToken, setupTokenValid } from './setup';

describe('the setup token', () => {
	it('is random, accepted only exactly, replaced by a new one, and dead once retired', () => {
		const first = issueSetupToken() as string;
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
		expect(setupTokenValid(first)).toBe(true);
		for (const wrong of [null, undefined, '', first.slice(1), first + 'x', first.toUpperCase()])
			expect(setupTokenValid(wrong), String(wrong)).toBe(wrong === first);
		const second = issueSetupToken() as string;
		expect(second).not.toBe(first);
		expect(setupTokenValid(first)).toBe(false);
		expect(setupTokenValid(second)).toBe(true);
		retireSetupToken();
		expect(setupTokenValid(second)).toBe(false);
		expect(issueSetupToken()).toBe(null);
	});
});
