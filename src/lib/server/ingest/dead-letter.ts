import { createHash } from 'node:crypto';
import { MAX_PAYLOAD_BYTES } from '$lib/contracts';

/** What a dead letter keeps of an oversized payload: its first bytes, enough to see what it was. */
export const DEAD_LETTER_PREFIX_BYTES = 4096;

/**
 * The payload bytes a dead letter stores, with the size and SHA-256 of the payload as received.
 * A payload over the ingest's limit (MAX_PAYLOAD_BYTES: `too_large`) keeps only its first
 * DEAD_LETTER_PREFIX_BYTES, so that a flood of big messages cannot fill the database; its size
 * and hash still say exactly what came, and tell one resent payload from another.
 */
export function deadLetterPayload(payload: Buffer): {
	kept: Buffer;
	bytes: number;
	sha256: string;
} {
	const sha256 = createHash('sha256').update(payload).digest('hex');
	const kept =
		payload.length > MAX_PAYLOAD_BYTES ? payload.subarray(0, DEAD_LETTER_PREFIX_BYTES) : payload;
	return { kept, bytes: payload.length, sha256 };
}
