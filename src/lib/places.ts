/** A place as GET /api/v1/places returns it (src/lib/server/places/search.ts finds them). */
export interface PlaceResult {
	id: string;
	/** In the requested language where the EOC named it, else the GeoNames name. */
	name: string;
	/** Every name the place is known by, the GeoNames name first. */
	names: string[];
	lat: number;
	lon: number;
	kind: PlaceKind;
	/** Null where the source does not know it. */
	population: number | null;
	source: 'geonames' | 'eoc';
}

export type PlaceKind = 'capital' | 'region-centre' | 'district-centre' | 'settlement';

/** The console's new-incident place search, as its page loads it. */
export interface ConsolePlaces {
	/** The search as typed (`?place=`), '' when none. */
	query: string;
	/** Null when nothing was searched for. */
	results: PlaceResult[] | null;
	/** The place chosen without JavaScript (`?pick=<id>`): its point fills the new incident. */
	picked: PlaceResult | null;
}
