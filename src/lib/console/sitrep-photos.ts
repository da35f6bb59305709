import type { IncidentView, PhotoRef } from '$lib/live/types';

/** The sitrep's photos: at most this many of one incident, and of all. */
export const SITREP_PHOTOS_PER_INCIDENT = 2;
export const SITREP_PHOTOS_TOTAL = 12;

/**
 * The photos a printed sitrep shows, incident by incident in the sitrep's order (the first of
 * each, the oldest), and how many it leaves out.
 */
export function sitrepPhotos(incidents: readonly IncidentView[]): {
	shown: { incident: IncidentView; photos: PhotoRef[] }[];
	more: number;
} {
	const shown: { incident: IncidentView; photos: PhotoRef[] }[] = [];
	let room = SITREP_PHOTOS_TOTAL;
	let more = 0;
	for (const incident of incidents) {
		const take = Math.min(SITREP_PHOTOS_PER_INCIDENT, room, incident.photos.length);
		if (take > 0) shown.push({ incident, photos: incident.photos.slice(0, take) });
		room -= take;
		more += incident.photos.length - take;
	}
	return { shown, more };
}
