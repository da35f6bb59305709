import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1): OWASP's first recommendation.
const ARGON2ID = 2;

/** What a new password must be. An upper bound, so a huge body cannot buy a slow hash. */
export const newPasswordSchema = z
	.string()
	.min(12, 'password_too_short')
	.max(256, 'password_too_long')
	.refine((p) => p.trim().length === p.length, 'password_spaces');

export function hashPassword(password: string): Promise<string> {
	return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	if (password.length > 256) return false;
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

// Verified when the email is unknown, so a wrong email costs as long as a wrong password. Made
// when the module loads, with the same parameters as every stored hash: the first unknown email
// costs no extra hash.
const dummy = hashPassword('not-a-user-password-' + crypto.randomUUID());
export async function burnPasswordTime(password: string): Promise<void> {
	await verifyPassword(await dummy, password);
}

/** A one-time password for a new account: 4 groups of 5 from an alphabet without look-alikes. */
export function oneTimePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const chars: string[] = [];
	while (chars.length < 20) {
		// Bytes ≥ 248 are dropped so that every letter is equally likely (248 = 8 × 31).
		for (const b of crypto.getRandomValues(new Uint8Array(24)))
			if (b < 248 && chars.length < 20) chars.push(alphabet[b % alphabet.length]);
	}
	return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
