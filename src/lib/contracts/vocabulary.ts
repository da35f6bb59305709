/**
 * The contract's plain words: the id pattern and the closed vocabularies, without zod, so the
 * field app (which runs on a phone and must stay small) reads the same lists as the ingest's
 * schemas do.
 */

/** Ids in topics (team, incident, sensor, hazard, exercise): `[A-Za-z0-9_-]{1,64}`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const TEAM_STATUSES = [
	'available',
	'en_route',
	'on_scene',
	'returning',
	'out_of_service'
] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export const INCIDENT_TYPES = [
	'mudflow',
	'flood',
	'landslide',
	'earthquake',
	'avalanche',
	'fire',
	'building_collapse',
	'road_blocked',
	'other'
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** A report's photo: its decoded size is at most this (the phone resizes to fit), in these types. */
export const MAX_PHOTO_BYTES = 200 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
