/**
 * Settlements of the Kulob area, to say where an incident is ("Kulob · 9 km ↗") on the boards.
 * Town centres, approximate (docs/kulob.md for Kulob; the neighbouring district centres to about
 * 0.01°). Names in each language of the wall; the EOC's reference layers will replace this list.
 * The map's place labels (src/lib/wall/map/layers/places.ts) hold only Kulob for now.
 */
import type { Locale } from '$lib/i18n';

export interface Place {
	id: string;
	lat: number;
	lon: number;
	name: Record<Locale, string>;
}

export const KULOB_PLACES: readonly Place[] = [
	{ id: 'kulob', lat: 37.914, lon: 69.784, name: { en: 'Kulob', ru: 'Куляб', tg: 'Кӯлоб' } },
	{ id: 'vose', lat: 37.8, lon: 69.645, name: { en: "Vose'", ru: 'Восе', tg: 'Восеъ' } },
	{
		id: 'muminobod',
		lat: 38.107,
		lon: 70.027,
		name: { en: 'Muminobod', ru: 'Муминабад', tg: 'Мӯъминобод' }
	},
	{
		id: 'shuroobod',
		lat: 37.843,
		lon: 70.04,
		name: { en: 'Shuroobod', ru: 'Шурабад', tg: 'Шӯрообод' }
	},
	{
		id: 'danghara',
		lat: 38.095,
		lon: 69.335,
		name: { en: 'Danghara', ru: 'Дангара', tg: 'Данғара' }
	},
	{
		id: 'baljuvon',
		lat: 38.31,
		lon: 69.675,
		name: { en: 'Baljuvon', ru: 'Бальджуван', tg: 'Балҷувон' }
	},
	{
		id: 'khovaling',
		lat: 38.345,
		lon: 69.97,
		name: { en: 'Khovaling', ru: 'Ховалинг', tg: 'Ховалинг' }
	},
	{ id: 'farkhor', lat: 37.49, lon: 69.405, name: { en: 'Farkhor', ru: 'Фархор', tg: 'Фархор' } }
];
