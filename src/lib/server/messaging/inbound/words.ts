/**
 * The words of the SMS and Telegram report syntax in Tajik, Russian and English: the prefix that
 * marks a report, the incident types and the tasking answers. Matched on normalised words
 * (normalise): a basic phone often has no Tajik letters, so "роҳ" typed as "рох" and "ҲИСОБОТ"
 * typed as "ХИСОБОТ" are the same word; Russian ё is е.
 */
import type { IncidentType } from '$lib/contracts';

const TAJIK_LETTERS: Record<string, string> = {
	ӣ: 'и',
	ӯ: 'у',
	ҳ: 'х',
	қ: 'к',
	ғ: 'г',
	ҷ: 'ч',
	ё: 'е'
};

/** Lower case, Tajik letters as their Russian neighbours, punctuation at the ends dropped. */
export function normalise(word: string): string {
	return word
		.normalize('NFC')
		.toLowerCase()
		.replace(/[ӣӯҳқғҷё]/g, (c) => TAJIK_LETTERS[c])
		.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The first word of a report: RPT (the radio's), ҲИСОБОТ or ГУЗОРИШ (tg), ОТЧЁТ (ru). */
export const REPORT_PREFIXES = new Set(['rpt', 'хисобот', 'гузориш', 'отчет', 'донесение']);

/**
 * Incident types by their words; a word ending in `*` matches any ending (Russian cases:
 * "оползень", "оползня"). Two-word phrases first, so "селевой поток" is read whole.
 */
export const TYPE_WORDS: readonly (readonly [string, IncidentType])[] = [
	['селевой поток', 'mudflow'],
	['роҳ баста', 'road_blocked'],
	['роҳ бастааст', 'road_blocked'],
	['дорога закрыта', 'road_blocked'],
	['дорога перекрыта', 'road_blocked'],
	['фурӯрезии бино', 'building_collapse'],
	['обрушение здания', 'building_collapse'],
	['сел', 'mudflow'],
	['сель', 'mudflow'],
	['селя', 'mudflow'],
	['сели', 'mudflow'],
	['селев*', 'mudflow'],
	['селоб', 'flood'],
	['обхезӣ', 'flood'],
	['обхез*', 'flood'],
	['наводнен*', 'flood'],
	['паводок', 'flood'],
	['паводк*', 'flood'],
	['затоплен*', 'flood'],
	['ярч', 'landslide'],
	['оползен*', 'landslide'],
	['оползн*', 'landslide'],
	['заминларза', 'earthquake'],
	['зилзила', 'earthquake'],
	['землетрясен*', 'earthquake'],
	['тарма', 'avalanche'],
	['барфкӯч', 'avalanche'],
	['лавин*', 'avalanche'],
	['сӯхтор', 'fire'],
	['оташсӯзӣ', 'fire'],
	['пожар*', 'fire'],
	['фурӯрезӣ', 'building_collapse'],
	['обрушен*', 'building_collapse'],
	['роҳбандӣ', 'road_blocked'],
	['дигар', 'other'],
	['другое', 'other'],
	['прочее', 'other']
];

const TYPE_TABLE = TYPE_WORDS.map(([phrase, type]) => ({
	words: phrase
		.split(' ')
		.map((w) => (w.endsWith('*') ? normalise(w.slice(0, -1)) + '*' : normalise(w))),
	type
}));

const wordMatches = (pattern: string, word: string) =>
	pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;

/** The Tajik or Russian type at the start of the (normalised) words, and how many it took. */
export function typeWord(words: readonly string[]): { type: IncidentType; used: number } | null {
	for (const t of TYPE_TABLE)
		if (t.words.every((p, i) => words[i] !== undefined && wordMatches(p, words[i])))
			return { type: t.type, used: t.words.length };
	return null;
}

/** Tasking answers: YES / ҲА / ДА accept, NO / НЕ / НЕТ decline. */
export const ANSWER_WORDS: Record<string, 'accepted' | 'declined'> = {
	yes: 'accepted',
	ха: 'accepted',
	да: 'accepted',
	no: 'declined',
	не: 'declined',
	нет: 'declined'
};

/** Little words before a place's name, skipped when the name is looked for. */
export const PLACE_PREPOSITIONS = new Set([
	'в',
	'во',
	'у',
	'около',
	'возле',
	'дар',
	'назди',
	'in',
	'at',
	'near'
]);
