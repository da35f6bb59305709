import { describe, expect, it } from 'vitest';
import { isGsm7, smsLength } from './segments';

const cyr = (n: number) => 'д'.repeat(n);
const lat = (n: number) => 'a'.repeat(n);

describe('SMS length', () => {
	it('counts Cyrillic as UCS-2: 70 in one segment, 67 a segment beyond', () => {
		expect(smsLength(cyr(70))).toMatchObject({ encoding: 'ucs2', units: 70, segments: 1 });
		expect(smsLength(cyr(71))).toMatchObject({ encoding: 'ucs2', segments: 2, perSegment: 67 });
		expect(smsLength(cyr(134)).segments).toBe(2);
		expect(smsLength(cyr(135)).segments).toBe(3);
		expect(smsLength(cyr(201)).segments).toBe(3);
		expect(smsLength(cyr(202)).segments).toBe(4);
	});

	it("takes Tajik's own letters as UCS-2", () => {
		expect(isGsm7('Хатари сел — Кӯлоб')).toBe(false);
		expect(smsLength('ҳқҷғӣӯ').encoding).toBe('ucs2');
	});

	it('counts Latin as GSM-7: 160 in one segment, 153 a segment beyond', () => {
		expect(smsLength(lat(160))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
		expect(smsLength(lat(161))).toMatchObject({ encoding: 'gsm7', segments: 2, perSegment: 153 });
		expect(smsLength(lat(306)).segments).toBe(2);
		expect(smsLength(lat(307)).segments).toBe(3);
	});

	it('counts an extension character twice, and never splits it across segments', () => {
		expect(smsLength(lat(159) + '€')).toMatchObject({ encoding: 'gsm7', units: 161, segments: 2 });
		expect(smsLength(lat(158) + '[')).toMatchObject({ units: 160, segments: 1 });
		// 152 septets then an escape pair: the pair goes whole into the second segment.
		expect(smsLength(lat(152) + '~' + lat(10)).segments).toBe(2);
		expect(smsLength(lat(152) + '~' + lat(152)).segments).toBe(3);
		expect(smsLength(lat(151) + '~' + lat(153)).segments).toBe(2);
	});

	it('takes one character outside GSM as making the whole text UCS-2', () => {
		expect(smsLength(lat(100) + '—')).toMatchObject({ encoding: 'ucs2', units: 101, segments: 2 });
		expect(smsLength('éàüÑ£¥§¿¡ΔΩ').encoding).toBe('gsm7');
	});

	it('counts a surrogate pair as two UCS-2 units, kept in one segment', () => {
		expect(smsLength('🌊').units).toBe(2);
		expect(smsLength(cyr(69) + '🌊')).toMatchObject({ units: 71, segments: 2 });
		expect(smsLength(cyr(66) + '🌊' + cyr(66)).segments).toBe(3);
		expect(smsLength(cyr(65) + '🌊' + cyr(67)).segments).toBe(2);
	});

	it('is one segment when empty', () => {
		expect(smsLength('')).toMatchObject({ units: 0, segments: 1 });
	});
});
