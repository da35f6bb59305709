/**
 * What an SMS or Telegram message to the EOC says (pure: the place lookup is handed in). The
 * report syntax is the Meshtastic radio's (contracts/adapters/field-report.ts) with Tajik and
 * Russian words (words.ts) and a place's name where the radio takes coordinates:
 *
 *     <prefix> <type> <severity> [<lat>,<lon>] <title>
 *     ҲИСОБОТ сел 4 Кулоб Сел роҳи Данғараро баст
 *     ОТЧЁТ оползень 3 37.91,69.78 Дорогу завалило
 *     RPT flood 2 Vose Water over the bridge
 *
 * The place: the coordinates, else the first words of the title or any name in it that the
 * gazetteer knows. A tasking answer: `YES|ҲА|ДА [<ref>]` or `NO|НЕ|НЕТ [<ref>] [<reason>]`.
 * Anything else is free text: it still goes to the operator's queue, with a type when a type's
 * word is in it.
 */
import type { IncidentType } from '$lib/contracts';
import { readReportWords, typeName, type FieldReport } from '$lib/contracts/adapters/field-report';
import { ANSWER_WORDS, normalise, PLACE_PREPOSITIONS, REPORT_PREFIXES, typeWord } from './words';

export interface FoundPlace {
	name: string;
	lat: number;
	lon: number;
}

/** Finds a place by a phrase the sender wrote (a name in any script); null when none is known. */
export type PlaceLookup = (phrase: string) => FoundPlace | null;

export type Inbound =
	| { kind: 'report'; report: FieldReport; place: FoundPlace | null }
	| { kind: 'answer'; answer: 'accepted' | 'declined'; ref: string | null; reason: string | null }
	/** `problem`: why a text that starts like a report is not one (shown to the operator). */
	| {
			kind: 'free_text';
			type: IncidentType;
			place: FoundPlace | null;
			problem: string | null;
	  };

/** A tasking's reference as the sender may type it: T-1043, Т-1043 (Cyrillic), t1043 or 1043. */
const REF = /^(?:[tт]-?)?(\d{1,9})$/i;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** Both the radio's type names and the Tajik and Russian words. */
function anyType(ws: readonly string[]) {
	return typeName(ws) ?? typeWord(ws.map(normalise));
}

/**
 * A place named in the words: the first one or two (after a preposition), else any one or two
 * in a row. Only a name the lookup matches closely counts (the lookup decides how closely).
 */
export function findPlaceIn(ws: readonly string[], lookup: PlaceLookup): FoundPlace | null {
	const start = PLACE_PREPOSITIONS.has(normalise(ws[0] ?? '')) ? 1 : 0;
	for (let i = start; i < ws.length; i++) {
		const two = ws[i + 1] ? lookup(`${ws[i]} ${ws[i + 1]}`) : null;
		const found = two ?? lookup(ws[i]);
		if (found) return found;
	}
	return null;
}

export function parseInbound(text: string, lookup: PlaceLookup): Inbound {
	const ws = words(text);
	const first = normalise(ws[0] ?? '');
	const answer = ANSWER_WORDS[first];
	if (answer) {
		const ref = REF.exec(ws[1] ?? '');
		// "Да, у нас сель" is not an answer: an answer is the word alone, or with a reference.
		if (ref || ws.length === 1)
			return {
				kind: 'answer',
				answer,
				ref: ref ? ref[1] : null,
				reason: answer === 'declined' && ws.length > 2 ? ws.slice(2).join(' ').slice(0, 500) : null
			};
	}
	if (REPORT_PREFIXES.has(first)) {
		const r = readReportWords(ws.slice(1), anyType);
		if (r.ok) {
			const { report } = r;
			const place = report.lat === undefined ? findPlaceIn(words(report.title), lookup) : null;
			return { kind: 'report', report, place };
		}
		return { kind: 'free_text', ...guess(ws.slice(1), lookup), problem: r.problem };
	}
	return { kind: 'free_text', ...guess(ws, lookup), problem: null };
}

/** Free text's type (the first type word in it) and place (the first name the gazetteer knows). */
function guess(ws: readonly string[], lookup: PlaceLookup) {
	let type: IncidentType = 'other';
	for (let i = 0; i < ws.length; i++) {
		const t = anyType(ws.slice(i));
		if (t && t.type !== 'other') {
			type = t.type;
			break;
		}
	}
	return { type, place: findPlaceIn(ws, lookup) };
}
