/**
 * The place lookup of the SMS syntax (parse.ts): a phrase is a place when a name of a gazetteer
 * place (or an admin's place, or a layer's feature: places/index.ts) is that phrase, with a typo
 * or an ending at most per four letters ("Кулоб", "Куляб", "Кулябе", "Kulob"). The place search's
 * looser matches (a name's start, a part inside a name) are for a person picking from a list;
 * here nobody picks, so an ordinary word must not become a village.
 */
import type { Bbox } from '$lib/live/area';
import type { Locale } from '$lib/i18n';
import { editDistance, fold } from '../../places/fold';
import { searchPlaces, type Indexed } from '../../places/search';
import type { PlaceLookup } from './parse';

/** Shorter phrases match too much ("Ва", "Дар"). */
const MIN_LETTERS = 4;

export function placeLookup(index: readonly Indexed[], area: Bbox, locale: Locale): PlaceLookup {
	return (phrase) => {
		const q = fold(phrase);
		if (q.length < MIN_LETTERS) return null;
		const max = Math.floor(q.length / 4);
		for (const hit of searchPlaces(phrase, { limit: 5, locale, area }, index)) {
			const item = index.find((i) => i.place.id === hit.id);
			const close = (k: string) => editDistance(q, k, max) <= max;
			if (item && (item.keys.some(close) || item.words.some(close)))
				return { name: hit.name, lat: hit.lat, lon: hit.lon };
		}
		return null;
	};
}
