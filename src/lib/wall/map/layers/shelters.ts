/** Shelters: a house in the occupancy colour (room, filling up, full) and "312/400" beside it. */
import { IconLayer, TextLayer } from '@deck.gl/layers';
import type { ShelterView } from '$lib/live/types';
import { ICON_ATLAS, ICON_MAPPING } from '../icons';
import { rgba, SHELTER_HEX, type Rgba } from '../palette';
import { placedLabelProps, type MapUi } from './common';
import type { LabelCandidate } from './declutter';

export const SHELTER_RADIUS_PX = 13;
export const SHELTER_ICON_PX = 28;
export const SHELTER_LABEL_PX = 19;

export type ShelterFill = keyof typeof SHELTER_HEX;

export function shelterFill(shelter: ShelterView): ShelterFill {
	if (shelter.capacity <= 0 || shelter.occupancy >= shelter.capacity) return 'full';
	return shelter.occupancy / shelter.capacity >= 0.8 ? 'filling' : 'ok';
}

export function shelterColour(shelter: ShelterView): Rgba {
	return rgba(SHELTER_HEX[shelterFill(shelter)]);
}

export function sheltersLayer(rows: readonly ShelterView[], ui: MapUi) {
	return new IconLayer<ShelterView>({
		id: 'shelters',
		data: rows,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: (s) => `shelter-${shelterFill(s)}`,
		getPosition: (s) => [s.lon, s.lat],
		getSize: SHELTER_ICON_PX,
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		updateTriggers: {}
	});
}

export interface ShelterLabel extends LabelCandidate {
	fill: ShelterFill;
}

/** "312/400" right of the house (left when taken): occupancy against capacity, as on the board. */
export function shelterLabelCandidates(rows: readonly ShelterView[], scale = 1): ShelterLabel[] {
	const gap = (SHELTER_RADIUS_PX + 5) * scale;
	return rows.map((s) => ({
		lon: s.lon,
		lat: s.lat,
		text: `${s.occupancy}/${s.capacity}`,
		size: SHELTER_LABEL_PX * scale,
		offset: [gap, 0] as const,
		anchor: 'start' as const,
		alternatives: [{ offset: [-gap, 0] as const, anchor: 'end' as const }],
		fill: shelterFill(s)
	}));
}

export function shelterLabelsLayer(rows: readonly ShelterLabel[], _ui: MapUi) {
	return new TextLayer<ShelterLabel>({
		id: 'shelter-labels',
		data: rows,
		...placedLabelProps,
		getColor: (l) => rgba(l.fill === 'ok' ? '#C9E8DD' : SHELTER_HEX[l.fill]),
		getSize: (l) => l.size,
		updateTriggers: {}
	});
}
