/**
 * Phone numbers as the EOC keeps them: E.164 (+992…), read with libphonenumber-js (the
 * metadata-driven parser, so a Tajik number written 93 123 4567, 0931234567, 00992 93 123 45 67 or
 * +992 93 123 45 67 is the same number). Shown masked to everyone but an admin: the country code
 * and the last two digits, so two numbers on a list can be told apart but neither can be called.
 * The same goes for Telegram chat ids and email addresses (maskChatId, maskEmail).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Tajik national numbers have nine digits; a tenth in front is the trunk 0 or the old 8. */
const TRUNK = /^[08](\d{9})$/;

/** E.164 of a number as typed (Tajikistan when no country code is given); null when it is not one. */
export function normalisePhone(raw: string): string | null {
	const typed = raw.trim();
	if (!/^\+?[\d\s().-]+$/.test(typed)) return null;
	let digits = typed.replace(/[\s().-]/g, '');
	// The small metadata does not know the international prefix (00) or the trunk prefix (0, 8).
	if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
	else if (!digits.startsWith('+')) digits = digits.replace(TRUNK, '$1');
	const p = parsePhoneNumberFromString(digits, 'TJ');
	return p && p.isValid() ? p.number : null;
}

const DOT = '•';

/**
 * +992 ••• ••• •67: the country code, then every digit but the last two as a dot, in groups of
 * three from the end. A number that is not E.164, or too short to hide anything by showing two
 * digits, is all dots.
 */
export function maskPhone(e164: string): string {
	const p = /^\+\d{6,15}$/.test(e164) ? parsePhoneNumberFromString(e164) : undefined;
	if (!p) return `${DOT.repeat(3)}`;
	const national = p.nationalNumber;
	if (national.length < 6) return `+${p.countryCallingCode} ${DOT.repeat(3)}`;
	const hidden = DOT.repeat(national.length - 2) + national.slice(-2);
	const groups: string[] = [];
	for (let end = hidden.length; end > 0; end -= 3)
		groups.unshift(hidden.slice(Math.max(0, end - 3), end));
	return `+${p.countryCallingCode} ${groups.join(' ')}`;
}

/** A Telegram chat id (a number, negative for a group): the sign and the last two digits. */
export function maskChatId(id: string): string {
	const m = /^(-?)(\d+)$/.exec(id.trim());
	if (!m || m[2].length < 6) return DOT.repeat(3);
	return `${m[1]}${DOT.repeat(m[2].length - 2)}${m[2].slice(-2)}`;
}

/** An email address: the first letter of the name and the domain (a•••@example.tj). */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return DOT.repeat(3);
	return `${email[0]}${DOT.repeat(3)}${email.slice(at)}`;
}

/** A Telegram chat id as the Bot API gives it: an integer, negative for groups and channels. */
export function normaliseChatId(raw: string): string | null {
	const s = raw.trim();
	return /^-?\d{1,20}$/.test(s) && !/^-?0+$/.test(s) ? s.replace(/^(-?)0+/, '$1') : null;
}

/** A plain address check: one @, a dotted domain, no spaces (delivery is the real test). */
export function normaliseEmail(raw: string): string | null {
	const s = raw.trim();
	return s.length <= 254 && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]{2,}$/.test(s) ? s : null;
}
