/**
 * What a contact is sent when a warning is issued, in their language: a short SMS (the headline
 * and the key instruction, at most SMS_MAX_SEGMENTS segments), and the full text for Telegram and
 * email (headline, description, instruction, area, expiry in Dushanbe with UTC beside). A drill's
 * warning starts with EXERCISE in the contact's language, in every text and the subject, so
 * nobody takes a drill for a real warning. Pure: the console's preview and the fan-out both use it.
 */
import { formatDateTime } from '$lib/format';
import { LIMITS, smsLength } from '$lib/sms/segments';
import { SMS_MAX_SEGMENTS } from '$lib/warnings/out';
import { WARNING_LANGS, type WarningLang, type WarningText } from '../templates';

export { SMS_MAX_SEGMENTS };

export const EXERCISE_WORD: Record<WarningLang, string> = {
	tg: 'МАШҚ',
	ru: 'УЧЕНИЯ',
	en: 'EXERCISE'
};

const LABELS: Record<WarningLang, { area: string; until: string }> = {
	tg: { area: 'Минтақа', until: 'То' },
	ru: { area: 'Район', until: 'Действует до' },
	en: { area: 'Area', until: 'Until' }
};

/** A contact's language as a warning's: one of its three, Tajik when unknown (the default). */
export function warningLang(lang: string | null | undefined): WarningLang {
	return (WARNING_LANGS as readonly string[]).includes(lang ?? '') ? (lang as WarningLang) : 'tg';
}

/**
 * Typographic dashes and quotes as their plain forms: one em dash would make an English SMS
 * UCS-2 and take its room from 459 characters to 201. Whitespace (line breaks) becomes single
 * spaces: an SMS is one paragraph.
 */
export function smsPlain(s: string): string {
	return s
		.replace(/[\u2012-\u2015]/g, '-')
		.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}

const fits = (s: string, segments: number) => smsLength(s).segments <= segments;
const ellipsis = (s: string) => (smsLength(s).encoding === 'gsm7' ? '...' : '…');

/**
 * The longest start of `s` that ends at a word boundary and, with an ellipsis, is still `within`
 * the limit; trailing punctuation before the cut is dropped. A first word longer than the limit
 * is cut within itself.
 */
function cut(s: string, within: (t: string) => boolean): string {
	if (within(s)) return s;
	const words = s.split(' ');
	let out = '';
	for (const w of words) {
		const next = out ? `${out} ${w}` : w;
		const tail = next.replace(/[\s,;:.\-—–]+$/u, '');
		if (!within(tail + ellipsis(s))) break;
		out = next;
	}
	if (!out) {
		const chars = [...s];
		while (chars.length && !within(chars.join('') + ellipsis(s))) chars.pop();
		return chars.join('') + ellipsis(s);
	}
	return out.replace(/[\s,;:.\-—–]+$/u, '') + ellipsis(s);
}

const sentences = (s: string) => s.split(/(?<=[.!?…])\s+/u).filter(Boolean);
const stop = (s: string) => (/[.!?…]$/u.test(s) ? s : `${s}.`);

/**
 * The SMS: [EXERCISE: ] headline, then the instruction's sentences whole, in order, while the
 * text stays within SMS_MAX_SEGMENTS. The headline takes at most half of that room (a long list
 * of places is cut with an ellipsis) so the key instruction always has room; a first instruction
 * sentence that does not fit whole is cut at a word boundary with an ellipsis.
 */
export function smsText(t: WarningText, lang: WarningLang, exercise: boolean): string {
	const prefix = exercise ? `${EXERCISE_WORD[lang]}: ` : '';
	const whole = (s: string) => fits(s, SMS_MAX_SEGMENTS);
	const headRaw = smsPlain(prefix + t.headline);
	const half = (SMS_MAX_SEGMENTS * LIMITS[smsLength(headRaw).encoding].multi) / 2;
	const head = stop(cut(headRaw, (s) => smsLength(s).units <= half));
	let text = head;
	const said = sentences(smsPlain(t.instruction));
	for (const [i, s] of said.entries()) {
		const next = `${text} ${s}`;
		if (whole(next)) text = next;
		else {
			if (i === 0) text = cut(next, whole);
			break;
		}
	}
	return text;
}

export interface FullText {
	subject: string;
	body: string;
}

/** The full text for Telegram and email; the subject is the headline. */
export function fullText(
	t: WarningText,
	lang: WarningLang,
	o: { area: string; expiresAt: Date; exercise: boolean }
): FullText {
	const banner = o.exercise ? EXERCISE_WORD[lang] : '';
	const l = LABELS[lang];
	const body = [
		banner,
		t.headline,
		t.description,
		t.instruction,
		`${l.area}: ${o.area}\n${l.until}: ${formatDateTime(o.expiresAt)}`
	]
		.map((s) => s.trim())
		.filter(Boolean)
		.join('\n\n');
	return { subject: banner ? `${banner}: ${t.headline}` : t.headline, body };
}
