/**
 * Phone numbers as the EOC keeps them: E.164 (+992…), read with libphonenumber-js (the
 * metadata-driven parser, so a Tajik number written 93 123 4567, 0931234567 or +992 93 123 45 67
 * is the same number). Shown masked to operators: only the country code and the last two digits.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** E.164 of a number as typed (Tajikistan when no country code is given); null when it is not one. */
export function normalisePhone(raw: string): string | null {
	const p = parsePhoneNumberFromString(raw.trim(), 'TJ');
	return p && p.isValid() ? p.number : null;
}

/** +992 ••• ••• •67: enough to tell two apart on a list, not enough to call. */
export function maskPhone(e164: string): string {
	const m = /^\+(992|\d{1,3}?)(\d+)(\d{2})$/.exec(e164);
	if (!m) return '•••';
	return `+${m[1]} ${'•'.repeat(Math.max(0, m[2].length))} ${m[3]}`.replace(/ +/g, ' ');
}
