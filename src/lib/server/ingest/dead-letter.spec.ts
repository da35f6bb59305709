import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '$lib/contracts';
import { DEAD_LETTER_PREFIX_BYTES, deadLetterPayload } from './dead-letter';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('deadLetterPayload', () => {
	it('keeps a payload within the limit whole, with its size and hash', () => {
		const payload = Buffer.alloc(MAX_PAYLOAD_BYTES, 'a');
		const { kept, bytes, sha256 } = deadLetterPayload(payload);
		expect(kept.equals(payload)).toBe(true); // Buffer.equals: toEqual walks it byte by byte
		expect(bytes).toBe(MAX_PAYLOAD_BYTES);
		expect(sha256).toBe(sha(payload));
	});

	it('keeps only the first bytes of an oversized payload, with the size and hash of the whole', () => {
		const payload = Buffer.concat([Buffer.from('{"msgId":"big"'), Buffer.alloc(1024 * 1024, 'x')]);
		const { kept, bytes, sha256 } = deadLetterPayload(payload);
		expect(kept.equals(payload.subarray(0, DEAD_LETTER_PREFIX_BYTES))).toBe(true);
		expect(kept.subarray(0, 14).toString()).toBe('{"msgId":"big"');
		expect(bytes).toBe(payload.length);
		expect(sha256).toBe(sha(payload));
	});
});
