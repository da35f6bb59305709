/**
 * One-time pairing codes for a team's phone: 8 characters from an alphabet with nothing to mistake
 * read aloud or off a screen in the sun (no 0/O, 1/I/L), shown as `ABCD-EFGH`. No dependencies:
 * the server (which makes and matches codes) and the field app (which reads what the team types
 * or the QR link carries) share these rules.
 */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

const CODE_RE = new RegExp(`^[${PAIRING_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

/**
 * A code as typed, as matched: upper case, spaces and dashes (any kind) removed. Null when what is
 * left cannot be a code, so it is refused without a look at the database.
 */
export function normalizePairingCode(typed: string): string | null {
	const code = typed.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, '');
	return CODE_RE.test(code) ? code : null;
}

/** `ABCDEFGH` → `ABCD-EFGH`, as shown and as put in the QR link. */
export function formatPairingCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
