/**
 * What the live stream (/api/v1/stream) and the JSON reads (/api/v1/*) send to browsers.
 * Shared by the server (which builds them from rows) and the wall (which draws them).
 * Times are ISO 8601 strings in UTC; the UI formats them for Asia/Dushanbe with UTC beside.
 */

export type TeamStatus = 'available' | 'en_route' | 'on_scene' | 'returning' | 'out_of_service';
export type IncidentType =
	| 'mudflow'
	| 'flood'
	| 'landslide'
	| 'earthquake'
	| 'avalanche'
	| 'fire'
	| 'building_collapse'
	| 'road_blocked'
	| 'other';
/** `reported`: a field report not yet accepted by an operator (the console issue builds the queue). */
export type IncidentStatus = 'reported' | 'open' | 'contained' | 'closed';

export interface Casualties {
	dead: number;
	injured: number;
	missing: number;
	trapped: number;
}
export interface Affected {
	people: number;
	households: number;
}

export interface TeamView {
	id: string;
	callsign: string;
	kind: string;
	status: TeamStatus | null;
	statusTs: string | null;
	incidentId: string | null;
	personnel: number | null;
	lat: number | null;
	lon: number | null;
	positionTs: string | null;
	headingDeg: number | null;
	speedMps: number | null;
	batteryPct: number | null;
	exercise: string | null;
	demo: boolean;
}

export interface IncidentView {
	id: string;
	type: IncidentType;
	severity: number;
	status: IncidentStatus;
	title: string;
	description: string | null;
	lat: number;
	lon: number;
	casualties: Casualties;
	affected: Affected;
	needs: string[];
	reporter: string | null;
	reportedAt: string;
	updatedAt: string;
	exercise: string | null;
	demo: boolean;
}

export interface SensorView {
	id: string;
	kind: string;
	name: string;
	unit: string | null;
	lat: number | null;
	lon: number | null;
	warning: number | null;
	danger: number | null;
	lastValue: number | null;
	lastTs: string | null;
	exercise: string | null;
	demo: boolean;
}

export interface HazardView {
	id: string;
	kind: string;
	geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
	depthM: number | null;
	volumeM3: number | null;
	ts: string;
	exercise: string | null;
	demo: boolean;
}

export interface ShelterView {
	id: string;
	name: string;
	lat: number;
	lon: number;
	capacity: number;
	occupancy: number;
	demo: boolean;
}

export interface Snapshot {
	teams: TeamView[];
	incidents: IncidentView[];
	sensors: SensorView[];
	hazards: HazardView[];
	shelters: ShelterView[];
	/** Server time when the snapshot was read. */
	asOf: string;
}

/** One typed map from SSE event name to its data; never bare strings elsewhere. */
export interface LiveEventMap {
	snapshot: Snapshot;
	team: TeamView;
	incident: IncidentView;
	sensor: SensorView;
	hazard: HazardView;
	shelter: ShelterView;
}
export type LiveEventName = keyof LiveEventMap;
export type LiveEvent = { [K in LiveEventName]: { type: K; data: LiveEventMap[K] } }[LiveEventName];
export const LIVE_EVENT_NAMES: readonly LiveEventName[] = [
	'snapshot',
	'team',
	'incident',
	'sensor',
	'hazard',
	'shelter'
];
