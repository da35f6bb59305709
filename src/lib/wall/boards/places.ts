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

const ARROWS = ['↑', '↗', '→', '↘', '↓', '↙', '←', '↖'] as const;
const EARTH_RADIUS_KM = 6371;
/** Closer than this to a place's centre, the incident is simply "in" it. */
const IN_PLACE_KM = 1.5;

export interface NearPlace {
	place: Place;
	/** Whole kilometres from the place's centre; 0 means in the place. */
	km: number;
	/** Direction from the place to the point, as an arrow that needs no translation. */
	arrow: string;
}

/** The nearest known settlement, its distance and direction (haversine, great-circle bearing). */
export function nearestPlace(lat: number, lon: number, places: readonly Place[]): NearPlace | null {
	let best: NearPlace | null = null;
	let bestKm = Infinity;
	for (const place of places) {
		const rad = Math.PI / 180;
		const φ1 = place.lat * rad;
		const φ2 = lat * rad;
		const Δφ = φ2 - φ1;
		const Δλ = (lon - place.lon) * rad;
		const a = Math.sin(Δφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(Δλ / 2) ** 2;
		const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
		if (km >= bestKm) continue;
		bestKm = km;
		const y = Math.sin(Δλ) * Math.cos(φ2);
		const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
		const bearing = (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
		best = {
			place,
			km: km < IN_PLACE_KM ? 0 : Math.round(km),
			arrow: ARROWS[Math.round(bearing / 45) % 8]
		};
	}
	return best;
}
