/** Hazard names ("Mudflow · 2.1 m") in the outline's colour, placed with the other labels. */
import { TextLayer } from '@deck.gl/layers';
import { rgba } from '../palette';
import { placedLabelProps, type MapUi } from './common';
import type { PlaceLabel } from './places';

export function hazardLabelsLayer(rows: readonly PlaceLabel[], _ui: MapUi) {
	return new TextLayer<PlaceLabel>({
		id: 'hazard-labels',
		data: rows,
		...placedLabelProps,
		getColor: rgba('#F2B45A'),
		getSize: (l) => l.size,
		updateTriggers: {}
	});
}
