/** The ring around the incident the console's detail board shows. */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { IncidentView } from '$lib/live/types';
import { incidentRadius } from '$lib/wall/map/layers/incidents';
import { px, type MapUi } from '$lib/wall/map/layers/common';

/** Okabe–Ito sky blue, the console's focus colour, outside the severity colours. */
const RING: [number, number, number, number] = [86, 180, 233, 255];

export function selectedLayer(incident: IncidentView | null, ui: MapUi) {
	return new ScatterplotLayer<IncidentView>({
		id: 'console-selected',
		data: incident ? [incident] : [],
		getPosition: (i) => [i.lon, i.lat],
		getRadius: (i) => incidentRadius(i.affected.people) + 7,
		radiusUnits: 'pixels',
		radiusScale: ui.scale ?? 1,
		filled: false,
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: px(ui, 4),
		getLineColor: RING
	});
}
