/** A place as GET /api/v1/places returns it (src/lib/server/places/search.ts finds them). */
export interface PlaceResult {
	id: string;
	/** In the requested language where the place has a name in it, else its main name. */
	name: string;
	/** Every name the place is known by, the main name first. */
	names: string[];
	lat: number;
	lon: number;
	kind: PlaceKind;
	/** Null where the source does not know it. */
	population: number | null;
	/**
	 * `geonames`: a settlement of the gazetteer; `eoc`: one of the built-in Kulob-area names;
	 * `admin`: a place an admin added (/admin/places); `layer`: a named feature of an imported
	 * reference layer (its name in `layer`).
	 */
	source: PlaceSource;
	/** The reference layer's name, for `source: 'layer'`. */
	layer?: string;
}

export type PlaceSource = 'geonames' | 'eoc' | 'admin' | 'layer';

/** The kinds of place an admin adds. */
export const ADMIN_PLACE_KINDS = [
	'jamoat',
	'village',
	'school',
	'bridge',
	'gauge',
	'shelter',
	'other'
] as const;
export type AdminPlaceKind = (typeof ADMIN_PLACE_KINDS)[number];

/** Reference layer kinds (src/lib/reference/types.ts) a named feature takes as its kind. */
export type LayerPlaceKind = 'boundary' | 'river' | 'road';

export type PlaceKind =
	'capital' | 'region-centre' | 'district-centre' | 'settlement' | AdminPlaceKind | LayerPlaceKind;

/**
 * A settlement as the maps label it (GET /api/v1/places/labels): GeoNames settlements and the
 * admin's villages and jamoats. `names` has the name per language where one is known; `en` always.
 */
export interface PlaceLabelRow {
	id: string;
	names: { en: string; ru?: string; tg?: string };
	lat: number;
	lon: number;
	kind: PlaceKind;
	population: number | null;
}

/** The console's new-incident place search, as its page loads it. */
export interface ConsolePlaces {
	/** The search as typed (`?place=`), '' when none. */
	query: string;
	/** Null when nothing was searched for. */
	results: PlaceResult[] | null;
	/** The place chosen without JavaScript (`?pick=<id>`): its point fills the new incident. */
	picked: PlaceResult | null;
}
