/**
 * The settlements the maps label (GET /api/v1/places/labels): GeoNames' settlements and the
 * admin's villages and jamoats, with a name per language where one is known. Reference layers
 * of settlements draw their own labels (the wall's reference layers), so they are not repeated.
 */
import type { PlaceLabelRow } from '$lib/places';
import type { Indexed } from './search';

const LABELLED_ADMIN_KINDS = new Set(['village', 'jamoat']);

const rowsOf = new WeakMap<readonly Indexed[], PlaceLabelRow[]>();

/** The label rows of an index, largest first; computed once per index. */
export function placeLabelRows(index: readonly Indexed[]): PlaceLabelRow[] {
	let rows = rowsOf.get(index);
	if (rows) return rows;
	rows = index
		.filter(
			({ place }) =>
				place.source === 'geonames' ||
				place.source === 'eoc' ||
				(place.source === 'admin' && LABELLED_ADMIN_KINDS.has(place.kind))
		)
		.map(({ place, byLocale }) => ({
			id: place.id,
			names: {
				en: byLocale.en ?? place.names[0],
				...(byLocale.ru ? { ru: byLocale.ru } : {}),
				...(byLocale.tg ? { tg: byLocale.tg } : {})
			},
			lat: place.lat,
			lon: place.lon,
			kind: place.kind,
			population: place.population
		}))
		.sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
	rowsOf.set(index, rows);
	return rows;
}
