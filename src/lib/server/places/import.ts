/**
 * Many places at once, from a CSV file (a header line: name, alt_names, kind, lat, lon,
 * population; alt_names separated by ";" or "|" within the cell, or in quotes with commas) or a
 * GeoJSON FeatureCollection of points (properties name, alt_names as a list or text, kind,
 * population). Every row is validated before anything is written; each problem names its line
 * (CSV) or feature (GeoJSON, counted from 1) and the field.
 */
import { csvRows } from '../csv/rows';
import { parsePlace, type PlaceInput } from './store';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_PLACES = 5000;
/** The problems an import reports at most (the first ones; the file is refused whole anyway). */
const MAX_PROBLEMS = 20;

export type PlaceImport = { ok: true; places: PlaceInput[] } | { ok: false; problems: string[] };

const HEADER_ALIASES: Record<string, string> = {
	name: 'name',
	alt_names: 'altNames',
	altnames: 'altNames',
	alternate_names: 'altNames',
	kind: 'kind',
	lat: 'lat',
	latitude: 'lat',
	lon: 'lon',
	lng: 'lon',
	longitude: 'lon',
	population: 'population'
};

function collect(rows: { where: string; raw: Record<string, string> }[]): PlaceImport {
	const places: PlaceInput[] = [];
	const problems: string[] = [];
	for (const { where, raw } of rows) {
		const r = parsePlace(raw);
		if (r.ok) places.push(r.place);
		else if (problems.length < MAX_PROBLEMS) problems.push(`${where}: ${r.field}: ${r.message}`);
	}
	if (problems.length) return { ok: false, problems };
	if (places.length === 0) return { ok: false, problems: ['the file holds no place'] };
	if (places.length > MAX_IMPORT_PLACES)
		return { ok: false, problems: [`at most ${MAX_IMPORT_PLACES} places in one file`] };
	return { ok: true, places };
}

function fromCsv(input: string): PlaceImport {
	const { rows, errors } = csvRows(input.replace(/^\uFEFF/, ''));
	if (errors.length)
		return {
			ok: false,
			problems: errors.slice(0, MAX_PROBLEMS).map((e) => `line ${e.line}: ${e.message}`)
		};
	const [header, ...body] = rows;
	if (!header) return { ok: false, problems: ['line 1: the header line is missing'] };
	const keys = header.cells.map((h) => HEADER_ALIASES[h.trim().toLowerCase()]);
	for (const need of ['name', 'kind', 'lat', 'lon'])
		if (!keys.includes(need))
			return {
				ok: false,
				problems: [
					`line ${header.line}: the header needs a column "${need}" (name, alt_names, kind, lat, lon, population)`
				]
			};
	return collect(
		body.map(({ line, cells }) => {
			const raw: Record<string, string> = {};
			keys.forEach((k, i) => {
				if (k && cells[i] !== undefined)
					raw[k] = k === 'altNames' ? cells[i].replace(/[|;]/g, ',') : cells[i];
			});
			return { where: `line ${line}`, raw };
		})
	);
}

function fromGeoJson(text: string): PlaceImport {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		return { ok: false, problems: [`not JSON: ${(e as Error).message}`] };
	}
	const fc = data as GeoJSON.FeatureCollection;
	if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
		return { ok: false, problems: ['a GeoJSON FeatureCollection is expected'] };
	const rows = fc.features.map((f, i) => {
		const p = (f?.properties ?? {}) as Record<string, unknown>;
		const alt = p.alt_names ?? p.altNames;
		const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
		const point = f?.geometry?.type === 'Point' ? f.geometry.coordinates : null;
		return {
			where: `feature ${i + 1}`,
			raw: {
				name: str(p.name),
				altNames: Array.isArray(alt) ? alt.map(String).join('\n') : (str(alt) ?? ''),
				kind: str(p.kind),
				lat: point ? str(point[1]) : undefined,
				lon: point ? str(point[0]) : undefined,
				population: str(p.population)
			} as Record<string, string>
		};
	});
	return collect(rows);
}

/** The places of a file, or its problems; GeoJSON when the name or the text says so, else CSV. */
export function parsePlaceFile(text: string, fileName = ''): PlaceImport {
	const json = /\.(geo)?json$/i.test(fileName) || /^\s*\{/.test(text);
	return json ? fromGeoJson(text) : fromCsv(text);
}
