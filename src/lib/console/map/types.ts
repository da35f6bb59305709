import type { LiveState } from '$lib/live/live.svelte';
import type { IncidentView } from '$lib/live/types';

export interface LatLon {
	lat: number;
	lon: number;
}

/** A request to centre the map on a point; a new `seq` asks again for the same point. */
export interface MapFocus extends LatLon {
	seq: number;
}

/** What the console map is given (ConsoleMap passes it on to ConsoleMapView once loaded). */
export interface ConsoleMapProps {
	live: LiveState;
	/** The incidents the console lists (reports and open ones), drawn with the wall's symbols. */
	incidents: readonly IncidentView[];
	/** The incident shown in the detail board: ringed on the map. */
	selected: string | null;
	/** The new incident's point: a marker the operator drags to correct it. */
	point: LatLon | null;
	/** Centre the map here (a place chosen in the search). */
	focus: MapFocus | null;
	/** A click on the map away from any incident, or the marker dragged: the new incident's point. */
	onpoint: (p: LatLon) => void;
	/** A click on an incident. */
	onselect: (id: string) => void;
}
