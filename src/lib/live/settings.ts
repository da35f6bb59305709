import type { SettingsView } from './types';

/** Kulob District (geoBoundaries ADM2), the default operational area: [west, south, east, north]. */
export const KULOB_DISTRICT_BBOX: [number, number, number, number] = [
	69.694, 37.816, 69.93, 38.137
];

/** The settings in force until the console changes them. */
export const DEFAULT_SETTINGS: SettingsView = {
	eocName: 'Kulob EOC',
	activationLevel: 1,
	area: { name: 'Kulob District', bbox: KULOB_DISTRICT_BBOX },
	staleAfterMin: 10
};
