/**
 * The language to answer an unknown sender in, guessed from what they wrote: Tajik letters
 * (ӣ ӯ ҳ қ ғ ҷ) or Tajik words make it Tajik; Russian-only letters (ы щ э ц) or Russian words make
 * it Russian; Latin letters make it English. Cyrillic with no sign either way is Tajik (the
 * region's first language); null when there is nothing to go on.
 */
import { normalise } from './words';

export type Lang = 'tg' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['tg', 'ru', 'en'];

const TAJIK_LETTER = /[ӣӯҳқғҷӢӮҲҚҒҶ]/;
const RUSSIAN_LETTER = /[ыщэцЫЩЭЦ]/;
const TAJIK_WORDS = new Set([
	'хисобот',
	'гузориш',
	'дар',
	'ва',
	'аст',
	'рох',
	'сел',
	'обхези',
	'ярч',
	'заминларза',
	'ха',
	'не',
	'кулоб',
	'бино'
]);
const RUSSIAN_WORDS = new Set([
	'отчет',
	'в',
	'на',
	'и',
	'нет',
	'да',
	'дорога',
	'сель',
	'оползень',
	'наводнение',
	'паводок',
	'землетрясение',
	'куляб',
	'закрыта'
]);

export function guessLang(text: string): Lang | null {
	if (TAJIK_LETTER.test(text)) return 'tg';
	const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
	const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
	if (cyrillic === 0) return latin > 0 ? 'en' : null;
	if (RUSSIAN_LETTER.test(text)) return 'ru';
	let tg = 0;
	let ru = 0;
	for (const w of text.split(/\s+/).map(normalise)) {
		if (TAJIK_WORDS.has(w)) tg++;
		if (RUSSIAN_WORDS.has(w)) ru++;
	}
	return ru > tg ? 'ru' : 'tg';
}

/** A contact's language when known, else the guess, else Tajik. */
export function senderLang(contactLang: string | null, text: string): Lang {
	if (contactLang && (LANGS as readonly string[]).includes(contactLang)) return contactLang as Lang;
	return guessLang(text) ?? 'tg';
}
