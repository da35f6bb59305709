/** The gazetteer's committed data file (scripts/gazetteer.ts writes it). */
export interface GazetteerFile {
	source: string;
	licence: string;
	attribution: string;
	/** ISO 3166-1 alpha-2. */
	country: string;
	places: GazetteerEntry[];
}

/** One settlement as GeoNames has it. */
export interface GazetteerEntry {
	/** `geonames:<geonameid>`. */
	id: string;
	name: string;
	/** The name in plain ASCII (any-ascii). */
	ascii: string;
	alt: string[];
	lat: number;
	lon: number;
	/** 0 where GeoNames does not know it (many district seats). */
	population: number;
	/** GeoNames feature class (P: populated place) and code (PPLC, PPLA, PPLA2, PPL). */
	featureClass: string;
	featureCode: string;
}
