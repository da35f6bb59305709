import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A secret for a cookie or header: 20 random bytes (160 bits), base32 (the Lucia design). */
export function generateSecret(prefix = ''): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return prefix + encodeBase32LowerCaseNoPadding(bytes);
}

/** What is stored instead of a secret: its SHA-256 in hex. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** A short random id for rows (not a secret). */
export function generateId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

/** Compares two secrets (or their hashes) in constant time. */
export function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
