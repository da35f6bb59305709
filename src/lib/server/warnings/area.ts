/**
 * Where a warning applies: circles around the places an operator chose from the gazetteer (the
 * same place search as the console's incident form), or the newest extent of a hazard. Stored on
 * the warning as GeoJSON (`area`) with the places' ids (`places`; a hazard's area is kept as the
 * one entry `hazard:<id>`), written into CAP as one `<circle>` per place or the extent's polygons.
 */
import turfArea from '@turf/area';
import { capCircle, ringToCap, type CapArea } from '$lib/contracts';
import type { Bbox } from '$lib/live/area';
import type { PlaceResult } from '$lib/places';
import { BASE_INDEX, GAZETTEER, placeById, searchPlaces, type Indexed } from '../places/search';
import { WARNING_LANGS, type WarningLang } from './templates';

/** At most this many places in one warning (each one a circle of the CAP area). */
export const MAX_PLACES = 20;
/** The prefix of `places` when the area is a hazard's extent. */
export const HAZARD_PREFIX = 'hazard:';
/** A result's id: GeoNames, the EOC's built-in names, the admin's places, a reference layer's feature. */
const PLACE_ID = /^(?:(?:geonames|eoc|admin):[A-Za-z0-9_-]{1,64}|layer:[^\s,;]{1,160})$/;

/** The place list as typed: names or ids, separated by commas, semicolons or new lines. */
export function placeTokens(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[,;\n\r]+/)
				.map((t) => t.trim())
				.filter(Boolean)
		)
	];
}

/** A typed place (an id, or a name the search finds, best match first); null when unknown. */
export function resolvePlace(
	token: string,
	area: Bbox,
	index: readonly Indexed[] = BASE_INDEX
): PlaceResult | null {
	if (PLACE_ID.test(token)) return placeById(token, 'en', index);
	return searchPlaces(token, { limit: 1, locale: 'en', area }, index)[0] ?? null;
}

/** The settlement of the gazetteer nearest to a point (an alarm's gauge or incident). */
export function nearestPlace(lat: number, lon: number): string | null {
	let best: string | null = null;
	let bestD = Infinity;
	const k = Math.cos((lat * Math.PI) / 180);
	for (const p of GAZETTEER.places) {
		const d = (p.lat - lat) ** 2 + ((p.lon - lon) * k) ** 2;
		if (d < bestD) [best, bestD] = [p.id, d];
	}
	return best;
}

/** A circle of the area around one place, as a GeoJSON ring (a 64-sided polygon). */
const circleRing = (lat: number, lon: number, radiusKm: number) =>
	capCircle(`${lat.toFixed(6)},${lon.toFixed(6)} ${radiusKm}`).ring;

/** The warned area of these places: one circle each. */
export function placesArea(places: PlaceResult[], radiusKm: number): GeoJSON.MultiPolygon {
	return {
		type: 'MultiPolygon',
		coordinates: places.map((p) => [circleRing(p.lat, p.lon, radiusKm)])
	};
}

/** The radius the circles of an area were drawn with, in km (one decimal), from its first one. */
export function radiusOf(area: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
	const ring = area.type === 'Polygon' ? area.coordinates[0] : area.coordinates[0]?.[0];
	if (!ring) return 0;
	// A regular 64-gon has 99.8 % of its circle's area.
	const m2 = turfArea({ type: 'Polygon', coordinates: [ring] }) / 0.99839;
	return Math.round(Math.sqrt(m2 / Math.PI) / 100) / 10;
}

/** The hazard an area was taken from, or null when it is places. */
export function hazardOfPlaces(places: readonly string[]): string | null {
	const h = places.find((p) => p.startsWith(HAZARD_PREFIX));
	return h ? h.slice(HAZARD_PREFIX.length) : null;
}

/** The chosen places (ids), resolved, in each language's names. */
export function placesOf(
	ids: readonly string[],
	lang: WarningLang,
	index: readonly Indexed[] = BASE_INDEX
): PlaceResult[] {
	return ids.flatMap((id) => {
		const p = id.startsWith(HAZARD_PREFIX) ? null : placeById(id, lang, index);
		return p ? [p] : [];
	});
}

/**
 * The area's name in each language: the places' names there (Кӯлоб, Куляб, Kulob), else the
 * description the operator gave (a hazard's extent).
 */
export function areaNames(
	ids: readonly string[],
	areaDesc: string,
	index: readonly Indexed[] = BASE_INDEX
): Record<WarningLang, string> {
	return Object.fromEntries(
		WARNING_LANGS.map((l) => {
			const names = placesOf(ids, l, index).map((p) => p.name);
			return [l, names.length ? names.join(', ') : areaDesc];
		})
	) as Record<WarningLang, string>;
}

/** The rings of an area (outer rings only: CAP polygons have no holes). */
export function ringsOf(area: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Position[][] {
	return area.type === 'Polygon' ? [area.coordinates[0]] : area.coordinates.map((p) => p[0]);
}

/**
 * The CAP `<area>` of one info block: a circle per place ("lat,lon radius"), or the polygons of a
 * hazard's extent.
 */
export function capAreaOf(
	w: { places: readonly string[]; area: GeoJSON.Polygon | GeoJSON.MultiPolygon },
	areaDesc: string,
	lang: WarningLang
): CapArea {
	const places = placesOf(w.places, lang);
	const radius = radiusOf(w.area);
	return {
		areaDesc,
		polygons: places.length ? [] : ringsOf(w.area).map(ringToCap),
		circles: places.map((p) => `${p.lat.toFixed(6)},${p.lon.toFixed(6)} ${radius}`),
		geocodes: [],
		geometry: null
	};
}
