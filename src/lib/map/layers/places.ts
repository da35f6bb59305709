/** Reference place names, so an empty map still says where it is. Static: no live data. */
import { TextLayer } from '@deck.gl/layers';
import { placedLabelProps, type MapUi } from './common';
import type { LabelCandidate } from './declutter';

export type PlaceLabel = LabelCandidate;

const PLACE_SIZE_PX = 22;
/** Below the point: teams and incidents in town are drawn on the point itself. */
const PLACE_OFFSET: [number, number] = [0, 30];

function place(text: string, lon: number, lat: number): PlaceLabel {
	return { text, lon, lat, size: PLACE_SIZE_PX, offset: PLACE_OFFSET, anchor: 'middle' };
}

/** KULOB.md: Kulob city centre. More places come with the EOC's reference layers. */
export const PLACES: readonly PlaceLabel[] = [place('KULOB · КӮЛОБ', 69.78, 37.91)];

/** Place names, already placed (see labels.ts): they give way to live data. */
export function placesLayer(rows: readonly PlaceLabel[], _ui: MapUi) {
	return new TextLayer<PlaceLabel>({
		id: 'places',
		data: rows,
		...placedLabelProps,
		getColor: [140, 160, 190, 200],
		getSize: PLACE_SIZE_PX,
		updateTriggers: {}
	});
}
