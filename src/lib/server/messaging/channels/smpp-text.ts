/**
 * A text as SMS segments. GSM 03.38 (the 7-bit alphabet) when every character is in it: 160 to a
 * message, 153 to a segment of a longer one (the extension characters € [ ] { } ^ ~ | \ take two).
 * Anything else (Tajik and Russian Cyrillic) goes as UCS-2 (data_coding 8): 70 characters to a
 * message, 67 to a segment. Segments carry the concatenation UDH (8-bit reference), which every
 * phone reassembles; message_payload would need the SMSC's support, UDH does not.
 */
import * as smpp from 'smpp';

// Node's own ESM loader (tsx: the bench, a test's sender process) sees only the names its lexer
// finds in this CommonJS package, not `encodings`; the package's default export has them all
// (Vite's interop gives either).
const { encodings } = (smpp as unknown as { default?: typeof smpp }).default ?? smpp;

export const DATA_CODING_GSM = 0;
export const DATA_CODING_UCS2 = 8;
const GSM_EXTENDED = new Set([...'\f^{}\\[~]|€']);

export interface Segment {
	/** short_message: the UDH (when part of a longer message) then the encoded text. */
	bytes: Buffer;
	udh: boolean;
}

export interface Encoded {
	dataCoding: number;
	segments: Segment[];
}

export function isGsm7(text: string): boolean {
	return encodings.ASCII.match(text);
}

/** Splits `text` into pieces of at most `max` units, where `units(ch)` is a character's size. */
function split(text: string, max: number, units: (ch: string) => number): string[] {
	const out: string[] = [];
	let piece = '';
	let used = 0;
	// for…of walks code points: a surrogate pair (an emoji) is never cut in two.
	for (const ch of text) {
		const n = units(ch);
		if (used + n > max) {
			out.push(piece);
			piece = '';
			used = 0;
		}
		piece += ch;
		used += n;
	}
	out.push(piece);
	return out;
}

export function encodeText(text: string, reference: number): Encoded {
	const gsm = isGsm7(text);
	const units = gsm ? (ch: string) => (GSM_EXTENDED.has(ch) ? 2 : 1) : (ch: string) => ch.length;
	const [single, part] = gsm ? [160, 153] : [70, 67];
	const total = [...text].reduce((n, ch) => n + units(ch), 0);
	const pieces = total <= single ? [text] : split(text, part, units);
	const encode = (s: string) => (gsm ? encodings.ASCII.encode(s) : encodings.UCS2.encode(s));
	if (pieces.length > 255)
		throw new RangeError('text too long for one concatenated SMS (255 segments)');
	return {
		dataCoding: gsm ? DATA_CODING_GSM : DATA_CODING_UCS2,
		segments: pieces.map((p, i) =>
			pieces.length === 1
				? { bytes: encode(p), udh: false }
				: {
						bytes: Buffer.concat([
							Buffer.from([0x05, 0x00, 0x03, reference & 0xff, pieces.length, i + 1]),
							encode(p)
						]),
						udh: true
					}
		)
	};
}
