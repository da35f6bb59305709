/**
 * Place search over the gazetteer: the settlements of Tajikistan from GeoNames (tajikistan.json,
 * written by scripts/gazetteer.ts) with the EOC's own names for the places around Kulob in each
 * language of the UI (KULOB_PLACES, the names the wall's boards show) as alternate names. A query
 * in any script finds a place by any of its names: "Кулоб", "Kulob", "Kulyab" and "Куляб" all
 * find Kulob. Results are ranked by how well a name matches (the whole name, a whole word of it,
 * the start of the name or of a word, inside the name, a typo or two), then by distance to the
 * operational area, then by population. All in memory, no network: index.ts adds the admin's
 * places and the reference layers' named features (sources.ts) and rebuilds only on a change.
 */
import type { Bbox } from '$lib/live/area';
import type { Locale } from '$lib/i18n';
import type { PlaceKind, PlaceResult } from '$lib/places';
import { KULOB_PLACES, type Place as EocPlace } from '$lib/wall/boards/places';
import data from './tajikistan.json';
import { editDistance, fold, foldWords } from './fold';
import type { GazetteerEntry, GazetteerFile } from './types';

export type { PlaceResult };

export const GAZETTEER = data as GazetteerFile;

export interface Indexed {
	place: Omit<PlaceResult, 'name'>;
	byLocale: Partial<Record<Locale, string>>;
	/** Folded whole names and folded words of names. */
	keys: string[];
	words: string[];
}

const KIND: Record<string, PlaceKind> = {
	PPLC: 'capital',
	PPLA: 'region-centre',
	PPLA2: 'district-centre'
};
/** An EOC place this close to a GeoNames settlement is that settlement under other names. */
const SAME_PLACE_KM = 3;
const EARTH_RADIUS_KM = 6371;

export function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
	const rad = Math.PI / 180;
	const dφ = (bLat - aLat) * rad;
	const dλ = (bLon - aLon) * rad;
	const h =
		Math.sin(dφ / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dλ / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function unique(names: string[]): string[] {
	return [...new Set(names.filter((n) => n.trim() !== ''))];
}

export function indexed(
	place: Omit<PlaceResult, 'name'>,
	byLocale: Partial<Record<Locale, string>>
): Indexed {
	return {
		place,
		byLocale,
		keys: unique(place.names.map(fold)),
		words: unique(place.names.flatMap(foldWords))
	};
}

/** The gazetteer merged with the EOC's names (exported for tests). */
export function buildIndex(
	entries: readonly GazetteerEntry[],
	eoc: readonly EocPlace[]
): Indexed[] {
	const merged = new Map<string, Partial<Record<Locale, string>>>();
	const own: EocPlace[] = [];
	for (const p of eoc) {
		let best: GazetteerEntry | null = null;
		let bestKm = SAME_PLACE_KM;
		for (const e of entries) {
			const d = km(p.lat, p.lon, e.lat, e.lon);
			if (d <= bestKm) [best, bestKm] = [e, d];
		}
		if (best) merged.set(best.id, p.name);
		else own.push(p);
	}
	const fromGeonames = entries.map((e) => {
		const byLocale = merged.get(e.id) ?? {};
		return indexed(
			{
				id: e.id,
				names: unique([e.name, e.ascii, ...e.alt, ...Object.values(byLocale)]),
				lat: e.lat,
				lon: e.lon,
				kind: KIND[e.featureCode] ?? 'settlement',
				population: e.population > 0 ? e.population : null,
				source: 'geonames'
			},
			byLocale
		);
	});
	const fromEoc = own.map((p) =>
		indexed(
			{
				id: `eoc:${p.id}`,
				names: unique(Object.values(p.name)),
				lat: p.lat,
				lon: p.lon,
				kind: 'settlement',
				population: null,
				source: 'eoc'
			},
			p.name
		)
	);
	return [...fromGeonames, ...fromEoc];
}

/** The gazetteer with the built-in names: the whole index until the database's places join it. */
export const BASE_INDEX: readonly Indexed[] = buildIndex(GAZETTEER.places, KULOB_PLACES);

/** How well the query matches a place: lower is better; null when it does not. */
function matchRank(q: string, item: Indexed): number | null {
	if (item.keys.includes(q)) return 0;
	if (item.words.includes(q)) return 1;
	if (item.keys.some((k) => k.startsWith(q))) return 2;
	if (item.words.some((w) => w.startsWith(q))) return 3;
	if (q.length >= 3 && item.keys.some((k) => k.includes(q))) return 4;
	// Typos and the other way of spelling a vowel ("Kulab", "Muminabad"): one edit per four
	// letters, against the whole name or its start of the query's length.
	if (q.length < 4) return null;
	const max = Math.floor(q.length / 4);
	let best = max + 1;
	for (const k of item.keys) {
		best = Math.min(best, editDistance(q, k, max), editDistance(q, k.slice(0, q.length), max));
	}
	return best <= max ? 5 + best : null;
}

/** Kilometres from a point to a box (0 inside it). */
export function kmToArea(lat: number, lon: number, [w, s, e, n]: Bbox): number {
	const cLat = Math.min(Math.max(lat, s), n);
	const cLon = Math.min(Math.max(lon, w), e);
	return km(lat, lon, cLat, cLon);
}

export interface SearchOptions {
	limit: number;
	locale: Locale;
	/** The operational area: nearer places rank first among equal matches. */
	area: Bbox;
}

/** Two hits this close with a name in common are one place (a layer's town and GeoNames'). */
const DUPLICATE_KM = 2;

/**
 * Places matching the query, best first; an empty query (after folding) matches nothing. Searches
 * `index` (index.ts placeIndex: GeoNames, the admin's places and the reference layers' features).
 */
export function searchPlaces(
	query: string,
	{ limit, locale, area }: SearchOptions,
	index: readonly Indexed[] = BASE_INDEX
): PlaceResult[] {
	const q = fold(query);
	if (q === '') return [];
	const hits: { item: Indexed; rank: number; km: number; pop: number }[] = [];
	for (const item of index) {
		const rank = matchRank(q, item);
		if (rank === null) continue;
		const { lat, lon, population } = item.place;
		hits.push({ item, rank, km: kmToArea(lat, lon, area), pop: population ?? 0 });
	}
	// Distance in 10 km steps, so a town a little further does not lose to a hamlet nearby.
	hits.sort(
		(a, b) => a.rank - b.rank || Math.floor(a.km / 10) - Math.floor(b.km / 10) || b.pop - a.pop
	);
	const kept: Indexed[] = [];
	for (const { item } of hits) {
		if (kept.length >= limit) break;
		if (!kept.some((k) => sameHit(k, item))) kept.push(item);
	}
	return kept.map((item) => resultOf(item, locale));
}

/** The same place from two sources: near each other, sharing a name (the better hit is kept). */
function sameHit(a: Indexed, b: Indexed): boolean {
	const [p, q] = [a.place, b.place];
	return km(p.lat, p.lon, q.lat, q.lon) <= DUPLICATE_KM && a.keys.some((k) => b.keys.includes(k));
}

function resultOf(item: Indexed, locale: Locale): PlaceResult {
	return { ...item.place, name: item.byLocale[locale] ?? item.place.names[0] };
}

/** One place by its id, for a form that was sent the id of a result. */
export function placeById(
	id: string,
	locale: Locale,
	index: readonly Indexed[] = BASE_INDEX
): PlaceResult | null {
	const item = index.find((i) => i.place.id === id);
	return item ? resultOf(item, locale) : null;
}
