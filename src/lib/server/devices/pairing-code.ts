/**
 * Making one-time pairing codes (the alphabet and the rules for reading them: $lib/pairing-code,
 * shared with the field app). 31^8 ≈ 8.5·10^11 codes, alive 15 minutes, guessed behind the
 * sign-in throttle: out of reach of guessing.
 */
import { randomInt } from 'node:crypto';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '$lib/pairing-code';

export {
	formatPairingCode,
	normalizePairingCode,
	PAIRING_ALPHABET,
	PAIRING_CODE_LENGTH
} from '$lib/pairing-code';

/** A fresh code, uniform over the alphabet (randomInt draws without modulo bias). */
export function generatePairingCode(): string {
	let code = '';
	for (let i = 0; i < PAIRING_CODE_LENGTH; i++)
		code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
	return code;
}
