/**
 * A photo carried by an incident report (issue #16: taken on a team's phone, resized there): one
 * image as standard base64, checked here at the boundary for its encoding, its size and that its
 * bytes are the image its `type` says. The limits live in vocabulary.ts, which the field app reads
 * without zod.
 */
import { z } from 'zod';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, type PhotoType } from './vocabulary';

export { MAX_PHOTO_BYTES, PHOTO_TYPES, type PhotoType };
/** Photos an incident keeps at most (reports merged into it bring theirs). */
export const MAX_PHOTOS_PER_INCIDENT = 10;

// Standard alphabet, padded, no whitespace, no data: prefix.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Each type's magic number: bytes at offsets (null: any byte). */
const MAGIC: Record<PhotoType, readonly (number | null)[]> = {
	'image/jpeg': [0xff, 0xd8, 0xff],
	'image/png': [0x89, 0x50, 0x4e, 0x47],
	// "RIFF", 4 bytes of size, "WEBP"
	'image/webp': [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]
};

/** Decoded size of valid padded base64. */
export function base64Bytes(data: string): number {
	const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return (data.length / 4) * 3 - pad;
}

/** The first bytes of base64 text (enough for a magic number). */
function head(data: string, bytes: number): Uint8Array {
	const text = atob(data.slice(0, Math.ceil(bytes / 3) * 4));
	return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Whether the bytes start with the magic number of `type`. */
export function hasMagic(type: PhotoType, bytes: Uint8Array): boolean {
	const magic = MAGIC[type];
	return bytes.length >= magic.length && magic.every((b, i) => b === null || bytes[i] === b);
}

export const photoSchema = z
	.object({
		type: z.enum(PHOTO_TYPES),
		// Its length is bounded by the payload's (MAX_PAYLOAD_BYTES); the size is judged decoded.
		data: z.string()
	})
	.superRefine((photo, ctx) => {
		const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['data'], message });
		if (!BASE64.test(photo.data)) return issue('not standard base64 (A-Z a-z 0-9 + / =)');
		const size = base64Bytes(photo.data);
		if (size < 1) return issue('photo is empty');
		if (size > MAX_PHOTO_BYTES) return issue(`photo is ${size} bytes, limit ${MAX_PHOTO_BYTES}`);
		if (!hasMagic(photo.type, head(photo.data, MAGIC[photo.type].length)))
			issue(`photo bytes are not ${photo.type}`);
	});

export type Photo = z.output<typeof photoSchema>;
