/**
 * How long an SMS is, as the network counts it: which encoding it needs and how many segments it
 * takes. Shared by the console (the count shown before a warning is approved) and the server
 * (the cut of a warning's SMS), so the two never disagree. No dependencies.
 *
 * A text whose every character is in the GSM 03.38 default alphabet goes as GSM-7: 160 septets
 * in one segment, 153 a segment when concatenated (the user data header takes 7). The extension
 * table's characters (€ [ ] { } \ ^ ~ | and form feed) take two septets (an escape and the
 * character). Any other character (Cyrillic, Tajik's ӣ ӯ ҳ қ ҷ ғ, an em dash) makes the whole
 * text UCS-2: 70 UTF-16 units in one segment, 67 when concatenated; a character outside the BMP
 * (an emoji) is a surrogate pair and takes two. A concatenated message never splits an escape
 * pair or a surrogate pair across two segments: the encoders send the pair whole in the next one.
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
	encoding: SmsEncoding;
	/** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
	units: number;
	segments: number;
	/** Units a segment holds at this length: the single-segment limit, or the concatenated one. */
	perSegment: number;
}

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export const LIMITS = {
	gsm7: { single: 160, multi: 153 },
	ucs2: { single: 70, multi: 67 }
} as const;

/** True when every character of the text is in the GSM 03.38 basic or extension table. */
export function isGsm7(text: string): boolean {
	for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
	return true;
}

/** The units of each character in order: 1 or 2 (an extension character, a surrogate pair). */
function widths(text: string, encoding: SmsEncoding): number[] {
	const out: number[] = [];
	for (const ch of text) out.push(encoding === 'gsm7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
	return out;
}

/** The encoding, units and segments of a text (an empty text is one empty segment). */
export function smsLength(text: string): SmsLength {
	const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
	const w = widths(text, encoding);
	const units = w.reduce((a, b) => a + b, 0);
	const { single, multi } = LIMITS[encoding];
	if (units <= single) return { encoding, units, segments: 1, perSegment: single };
	// Fill segments of `multi` units; a two-unit character that does not fit starts the next.
	let segments = 1;
	let used = 0;
	for (const n of w) {
		if (used + n > multi) {
			segments += 1;
			used = 0;
		}
		used += n;
	}
	return { encoding, units, segments, perSegment: multi };
}
