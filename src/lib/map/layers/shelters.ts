/** Shelters: a dot coloured by occupancy (room, filling up, full). */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { ShelterView } from '$lib/live/types';
import { rgba, SHELTER_HEX, type Rgba } from '../palette';
import type { MapUi } from './common';

export const SHELTER_RADIUS_PX = 8;

export type ShelterFill = keyof typeof SHELTER_HEX;

export function shelterFill(shelter: ShelterView): ShelterFill {
	if (shelter.capacity <= 0 || shelter.occupancy >= shelter.capacity) return 'full';
	return shelter.occupancy / shelter.capacity >= 0.8 ? 'filling' : 'ok';
}

export function shelterColour(shelter: ShelterView): Rgba {
	return rgba(SHELTER_HEX[shelterFill(shelter)]);
}

export function sheltersLayer(rows: readonly ShelterView[], _ui: MapUi) {
	return new ScatterplotLayer<ShelterView>({
		id: 'shelters',
		data: rows,
		getPosition: (s) => [s.lon, s.lat],
		// Light centre, ring in the occupancy colour: unlike teams (coloured dot, light ring) and
		// gauges (dark centre, coloured ring).
		getFillColor: [232, 238, 247, 255],
		getLineColor: shelterColour,
		getRadius: SHELTER_RADIUS_PX,
		radiusUnits: 'pixels',
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: 3.5,
		updateTriggers: {}
	});
}
