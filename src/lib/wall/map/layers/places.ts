/** Built-in place names, so an empty map still says where it is. In the screen's language. */
import { TextLayer } from '@deck.gl/layers';
import { localName, placedLabelProps, type MapLocale, type MapUi } from './common';
import type { LabelCandidate } from './declutter';

export type PlaceLabel = LabelCandidate;

export const PLACE_SIZE_PX = 22;
/** Below the point: teams and incidents in town are drawn on the point itself. */
const PLACE_OFFSET_PX = 30;

export interface Place {
	lon: number;
	lat: number;
	names: Record<MapLocale, string>;
}

/** docs/kulob.md: Kulob city centre. More places come with the EOC's reference layers. */
export const BUILTIN_PLACES: readonly Place[] = [
	{ lon: 69.78, lat: 37.91, names: { tg: 'Кӯлоб', ru: 'Куляб', en: 'Kulob' } }
];

/** The built-in places as labels in `locale`, at the wall's scale. */
export function builtinPlaceLabels(
	places: readonly Place[],
	locale: MapLocale = 'en',
	scale = 1
): PlaceLabel[] {
	return places.map((p) => ({
		text: (
			localName(
				Object.fromEntries(Object.entries(p.names).map(([l, n]) => [`name:${l}`, n])),
				locale
			) ?? p.names.en
		).toUpperCase(),
		lon: p.lon,
		lat: p.lat,
		size: PLACE_SIZE_PX * scale,
		offset: [0, PLACE_OFFSET_PX * scale],
		anchor: 'middle'
	}));
}

/** Kulob in English at scale 1 (tests and the default). */
export const PLACES: readonly PlaceLabel[] = builtinPlaceLabels(BUILTIN_PLACES);

/** Place names, already placed (see labels.ts): they give way to live data. */
export function placesLayer(rows: readonly PlaceLabel[], _ui: MapUi) {
	return new TextLayer<PlaceLabel>({
		id: 'places',
		data: rows,
		...placedLabelProps,
		getColor: [150, 170, 200, 215],
		getSize: (l) => l.size,
		updateTriggers: {}
	});
}
