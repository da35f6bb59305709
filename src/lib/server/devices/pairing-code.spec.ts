import { describe, expect, it } from 'vitest';
import {
	formatPairingCode,
	generatePairingCode,
	normalizePairingCode,
	PAIRING_ALPHABET
} from './pairing-code';

describe('pairing codes', () => {
	it('are 8 characters of the unambiguous alphabet, never 0, O, 1, I or L', () => {
		expect(PAIRING_ALPHABET).not.toMatch(/[0O1IL]/);
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const code = generatePairingCode();
			expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
			for (const c of code) seen.add(c);
		}
		// Every character of the alphabet comes up (2000 codes × 8 draws from 31).
		expect([...seen].sort().join('')).toBe([...PAIRING_ALPHABET].sort().join(''));
	});

	it('are shown as ABCD-EFGH', () => {
		expect(formatPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
	});

	it('match whatever the case, spaces and dashes', () => {
		for (const typed of ['ABCD-EFGH', 'abcd-efgh', ' abcd efgh ', 'AB-CD-EF-GH', 'abcd\u2013efgh'])
			expect(normalizePairingCode(typed), typed).toBe('ABCDEFGH');
	});

	it('refuse what cannot be a code', () => {
		for (const typed of [
			'',
			'ABCD-EFG',
			'ABCD-EFGHJ',
			'ABCD-EFG0',
			'ABCD-EFGI',
			'ABCD_EFGH',
			'ÀBCD-EFGH'
		])
			expect(normalizePairingCode(typed), typed).toBeNull();
	});
});
