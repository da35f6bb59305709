import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, MAX_PHOTO_BYTES, parseMessage, topics } from './index';
import { TEST_JPEG_BASE64 } from './photo-fixture';
import { toPayload, validReport } from './testing';

const NOW = new Date();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** `size` bytes starting with `magic`. */
const image = (magic: number[], size: number) => {
	const bytes = new Uint8Array(size).fill(0x41);
	bytes.set(magic.slice(0, size));
	return bytes;
};
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP = [...Buffer.from('RIFF'), 0x10, 0, 0, 0, ...Buffer.from('WEBPVP8 ')];

function report(photo: unknown) {
	return parseMessage(topics.incidentReport(), toPayload(validReport({ photo })), NOW);
}
function rejected(photo: unknown) {
	const r = report(photo);
	if (r.ok) throw new Error('expected a rejection');
	expect(r.reason).toBe('schema');
	return r.detail;
}

describe('a report photo', () => {
	it('takes a real JPEG, and each type with its magic number', () => {
		const r = report({ type: 'image/jpeg', data: TEST_JPEG_BASE64 });
		expect(r.ok && r.message.family === 'incident_report' && r.message.body.photo?.data).toBe(
			TEST_JPEG_BASE64
		);
		expect(report({ type: 'image/png', data: b64(image(PNG, 100)) }).ok).toBe(true);
		expect(report({ type: 'image/webp', data: b64(image(WEBP, 100)) }).ok).toBe(true);
	});

	it('takes exactly MAX_PHOTO_BYTES, and refuses one byte more', () => {
		expect(report({ type: 'image/jpeg', data: b64(image(JPEG, MAX_PHOTO_BYTES)) }).ok).toBe(true);
		expect(rejected({ type: 'image/jpeg', data: b64(image(JPEG, MAX_PHOTO_BYTES + 1)) })).toBe(
			'photo.data: photo is 204801 bytes, limit 204800'
		);
		// 204,801 and 204,802 bytes have the same base64 length as 204,800 + 1 padding: the size
		// is judged on the decoded bytes, not the text's length.
		expect(rejected({ type: 'image/jpeg', data: b64(image(JPEG, MAX_PHOTO_BYTES + 2)) })).toBe(
			'photo.data: photo is 204802 bytes, limit 204800'
		);
	});

	it('fits the payload limit at its largest, with every text field at its longest', () => {
		const body = validReport({
			photo: { type: 'image/jpeg', data: b64(image(JPEG, MAX_PHOTO_BYTES)) },
			title: 'ӣ'.repeat(200),
			description: '\u00e9'.repeat(5000),
			needs: Array.from({ length: 50 }, () => 'ҳ'.repeat(200))
		});
		const payload = toPayload(body);
		expect(payload.byteLength).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(parseMessage(topics.incidentReport(), payload, NOW).ok).toBe(true);
	});

	it('refuses an empty photo, and text that is not standard base64', () => {
		expect(rejected({ type: 'image/jpeg', data: '' })).toBe('photo.data: photo is empty');
		const bad = 'photo.data: not standard base64 (A-Z a-z 0-9 + / =)';
		expect(
			rejected({ type: 'image/jpeg', data: `data:image/jpeg;base64,${TEST_JPEG_BASE64}` })
		).toBe(bad);
		expect(rejected({ type: 'image/jpeg', data: TEST_JPEG_BASE64.slice(0, -1) })).toBe(bad);
		expect(rejected({ type: 'image/jpeg', data: TEST_JPEG_BASE64.replaceAll('/', '_') })).toBe(bad);
		expect(
			rejected({
				type: 'image/jpeg',
				data: `${TEST_JPEG_BASE64.slice(0, 8)}\n${TEST_JPEG_BASE64.slice(8)}`
			})
		).toBe(bad);
	});

	it('refuses bytes that are not the type it says', () => {
		expect(rejected({ type: 'image/png', data: TEST_JPEG_BASE64 })).toBe(
			'photo.data: photo bytes are not image/png'
		);
		expect(
			rejected({
				type: 'image/webp',
				data: b64(image([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('AVI ')], 64))
			})
		).toBe('photo.data: photo bytes are not image/webp');
		expect(rejected({ type: 'image/jpeg', data: b64(image(PNG, 64)) })).toBe(
			'photo.data: photo bytes are not image/jpeg'
		);
		// Shorter than the magic number
		expect(rejected({ type: 'image/jpeg', data: b64(new Uint8Array([0xff, 0xd8])) })).toBe(
			'photo.data: photo bytes are not image/jpeg'
		);
	});

	it('refuses another type, or a photo without its data', () => {
		expect(rejected({ type: 'image/gif', data: TEST_JPEG_BASE64 })).toMatch(/^photo\.type: /);
		expect(rejected({ type: 'image/jpeg' })).toMatch(/^photo\.data: /);
	});
});
