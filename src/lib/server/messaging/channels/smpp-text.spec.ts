import { describe, expect, it } from 'vitest';
import { DATA_CODING_GSM, DATA_CODING_UCS2, encodeText, isGsm7 } from './smpp-text';

describe('SMS text encoding', () => {
	it('Latin text is GSM 7-bit, Tajik Cyrillic is UCS-2', () => {
		expect(isGsm7('Flood warning, go to high ground')).toBe(true);
		expect(isGsm7('Огоҳӣ')).toBe(false);
		expect(encodeText('Hello', 1)).toEqual({
			dataCoding: DATA_CODING_GSM,
			segments: [{ bytes: Buffer.from('Hello'), udh: false }]
		});
		const t = encodeText('Огоҳӣ', 1);
		expect(t.dataCoding).toBe(DATA_CODING_UCS2);
		expect(t.segments[0].bytes.toString('hex')).toBe(
			Buffer.from('Огоҳӣ', 'utf16le').swap16().toString('hex')
		);
	});

	it('70 UCS-2 characters are one SMS, 71 are two segments of at most 67 with the UDH', () => {
		expect(encodeText('ҷ'.repeat(70), 1).segments).toHaveLength(1);
		const two = encodeText('ҷ'.repeat(71), 7).segments;
		expect(two).toHaveLength(2);
		expect(two.map((s) => s.bytes.subarray(0, 6).toString('hex'))).toEqual([
			'050003070201',
			'050003070202'
		]);
		expect(two.map((s) => (s.bytes.length - 6) / 2)).toEqual([67, 4]);
	});

	it('GSM counts extension characters twice: 160 plain is one SMS, 80 euro signs are one, 81 are two', () => {
		expect(encodeText('a'.repeat(160), 1).segments).toHaveLength(1);
		expect(encodeText('€'.repeat(80), 1).segments).toHaveLength(1);
		expect(encodeText('€'.repeat(81), 1).segments).toHaveLength(2);
		expect(encodeText('a'.repeat(161), 1).segments.map((s) => s.bytes.length - 6)).toEqual([
			153, 8
		]);
	});

	it('an emoji (a surrogate pair) is never cut between segments', () => {
		const text = 'ҷ'.repeat(66) + '🌊' + 'ҷ'.repeat(10);
		const segs = encodeText(text, 1).segments.map((s) =>
			s.bytes.subarray(6).swap16().toString('utf16le')
		);
		expect(segs.join('')).toBe(text);
		expect(segs[0]).toBe('ҷ'.repeat(66));
	});
});
