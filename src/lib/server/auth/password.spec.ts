import { describe, expect, it } from 'vitest';
import { safeNext } from './next';
import { hashPassword, newPasswordSchema, oneTimePassword, verifyPassword } from './password';

describe('passwords', () => {
	it('are hashed with argon2id and verified', async () => {
		const h = await hashPassword('correct horse battery');
		expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(h, 'correct horse batterY')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
		expect(await verifyPassword(h, 'x'.repeat(257))).toBe(false);
	});
	it('must be 12 to 256 characters without spaces at the ends', () => {
		const problem = (p: string) => newPasswordSchema.safeParse(p).error?.issues[0].message;
		expect(problem('short')).toBe('password_too_short');
		expect(problem('x'.repeat(257))).toBe('password_too_long');
		expect(problem(' twelve chars here')).toBe('password_spaces');
		expect(problem('twelve chars here')).toBeUndefined();
	});
	it('one-time passwords are 4 groups of 5 from an alphabet without look-alikes, all different', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const p = oneTimePassword();
			expect(p).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
			seen.add(p);
		}
		expect(seen.size).toBe(200);
	});
});

describe('safeNext', () => {
	it('keeps a path on this site and refuses anything that leaves it', () => {
		expect(safeNext('/wall?lang=ru')).toBe('/wall?lang=ru');
		expect(safeNext('//evil.example/x')).toBe('/');
		expect(safeNext('/\\evil.example')).toBe('/');
		expect(safeNext('https://evil.example')).toBe('/');
		expect(safeNext('/login?next=/x')).toBe('/');
		expect(safeNext(null)).toBe('/');
	});
});
