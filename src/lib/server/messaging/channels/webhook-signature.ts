import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed webhook's timestamp may be from now: a captured request cannot be replayed later. */
export const SIGNATURE_WINDOW_S = 300;

/**
 * The SMS gateway's webhook signature: X-Signature is the hex HMAC-SHA256, under the signing key,
 * of the raw body followed by X-Timestamp (Unix seconds). Null when it holds; else why not.
 */
export function checkSignature(
	key: string,
	body: string,
	headers: Headers,
	now = Date.now()
): string | null {
	const sig = headers.get('x-signature');
	const ts = headers.get('x-timestamp');
	if (!sig || !ts) return 'no X-Signature/X-Timestamp';
	const t = Number(ts);
	if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > SIGNATURE_WINDOW_S)
		return 'X-Timestamp is not within 5 minutes of now';
	const want = createHmac('sha256', key)
		.update(body + ts)
		.digest();
	const got = Buffer.from(sig, 'hex');
	if (got.length !== want.length || !timingSafeEqual(got, want)) return 'bad X-Signature';
	return null;
}

/** Compares two secrets in constant time (Telegram's secret token). */
export function sameSecret(a: string | null, b: string): boolean {
	if (a === null) return false;
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
