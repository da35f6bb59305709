import { toKML } from '@placemarkio/tokml';
import Papa from 'papaparse';
import type {
	HazardView,
	IncidentView,
	RequestView,
	ResourceKindView,
	ResourceView,
	StockView,
	TeamView
} from '$lib/live/types';
import {
	REQUEST_COLUMNS,
	RESOURCE_COLUMNS,
	requestPoint,
	STOCK_COLUMNS,
	stockLines
} from './resource-files';

/**
 * Exports of the picture for other tools: GeoJSON (RFC 7946: lon, lat; WGS 84), CSV (RFC 4180,
 * written by papaparse) and KML 2.2 (written by @placemarkio/tokml from the same GeoJSON, so the
 * two never disagree). Text from the field is data, never a formula: a cell that a spreadsheet
 * would run (=, +, -, @ …) is quoted as text (papaparse `escapeFormulae`).
 * Real exports hold real rows only: a drill's rows are left out (or exported alone, by its id).
 */
export const EXPORTS = [
	'incidents.geojson',
	'incidents.csv',
	'incidents.kml',
	'teams.geojson',
	'teams.csv',
	'teams.kml',
	'hazards.geojson',
	'hazards.csv',
	'hazards.kml',
	'resources.geojson',
	'resources.csv',
	'requests.geojson',
	'requests.csv',
	'stock.csv',
	'cot',
	'cap'
] as const;
export type ExportName = (typeof EXPORTS)[number];
export type ExportData = {
	incidents: IncidentView[];
	teams: TeamView[];
	hazards?: HazardView[];
	/** The resource exports' (issue #15): requests are placed at their incident's position. */
	resources?: ResourceView[];
	requests?: RequestView[];
	stock?: StockView[];
	kinds?: ResourceKindView[];
};

/**
 * A cell a spreadsheet would run as a formula. papaparse's own `escapeFormulae: true` tests
 * /^[=+\-@\t\r].*$/, which misses a value with a line break ("=HYPERLINK(…)\nx"): only the
 * first character matters.
 */
export const CSV_FORMULA = /^[=+\-@\t\r]/;

type Columns<T> = Record<string, (x: T) => unknown>;

const INCIDENT_COLUMNS: Columns<IncidentView> = {
	id: (i) => i.id,
	type: (i) => i.type,
	severity: (i) => i.severity,
	status: (i) => i.status,
	title: (i) => i.title,
	description: (i) => i.description ?? '',
	lat: (i) => i.lat,
	lon: (i) => i.lon,
	dead: (i) => i.casualties.dead,
	injured: (i) => i.casualties.injured,
	missing: (i) => i.casualties.missing,
	trapped: (i) => i.casualties.trapped,
	people_affected: (i) => i.affected.people,
	households_affected: (i) => i.affected.households,
	needs: (i) => i.needs.join('; '),
	reporter: (i) => i.reporter ?? '',
	reported_at: (i) => i.reportedAt,
	updated_at: (i) => i.updatedAt,
	exercise: (i) => i.exercise ?? '',
	demo: (i) => i.demo
};

const TEAM_COLUMNS: Columns<TeamView> = {
	id: (t) => t.id,
	callsign: (t) => t.callsign,
	kind: (t) => t.kind,
	status: (t) => t.status ?? '',
	status_at: (t) => t.statusTs ?? '',
	incident_id: (t) => t.incidentId ?? '',
	personnel: (t) => t.personnel ?? '',
	lat: (t) => t.lat ?? '',
	lon: (t) => t.lon ?? '',
	position_at: (t) => t.positionTs ?? '',
	battery_pct: (t) => t.batteryPct ?? '',
	exercise: (t) => t.exercise ?? '',
	demo: (t) => t.demo
};

const HAZARD_COLUMNS: Columns<HazardView> = {
	id: (h) => h.id,
	kind: (h) => h.kind,
	depth_m: (h) => h.depthM ?? '',
	volume_m3: (h) => h.volumeM3 ?? '',
	at: (h) => h.ts,
	exercise: (h) => h.exercise ?? '',
	demo: (h) => h.demo
};

type Located = { id: string; lat: number | null; lon: number | null };
type Shaped = { id: string; geometry: GeoJSON.Geometry | null };

const point = (x: Located): GeoJSON.Point | null =>
	x.lat === null || x.lon === null ? null : { type: 'Point', coordinates: [x.lon, x.lat] };

/** A FeatureCollection: each item its shape (a Point at its position), or no geometry. */
function collection<T extends { id: string }>(
	cols: Columns<T>,
	items: T[],
	shape: (x: T) => GeoJSON.Geometry | null,
	/** The KML <name> of each placemark (tokml takes `name`). */
	name?: (x: T) => string
): GeoJSON.FeatureCollection<GeoJSON.Geometry | null> {
	return {
		type: 'FeatureCollection',
		features: items.map((x) => ({
			type: 'Feature',
			id: x.id,
			geometry: shape(x),
			properties: {
				...(name ? { name: name(x) } : {}),
				...Object.fromEntries(Object.entries(cols).map(([k, f]) => [k, f(x)]))
			}
		}))
	};
}

const shapeOf = (h: Shaped) => h.geometry;

const csvOf = (fields: string[], rows: Record<string, unknown>[]) =>
	Papa.unparse(
		{ fields, data: rows.map((r) => fields.map((f) => r[f])) },
		{ escapeFormulae: CSV_FORMULA, newline: '\r\n' }
	) + '\r\n';

const GEOJSON = 'application/geo+json';
const CSV = 'text/csv; charset=utf-8';
const KML = 'application/vnd.google-earth.kml+xml';

/** Rows of the real picture (no drill), or of one drill only when its id is given. */
export function ofPicture<T extends { exercise: string | null }>(
	rows: readonly T[],
	exercise: string | null = null
): T[] {
	return rows.filter((r) => r.exercise === exercise);
}

type FileExport = Exclude<ExportName, 'cot' | 'cap'>;

/**
 * The body and content type of a file export. `exercise`: null for the real picture (the
 * default: drill rows are never in it), or a drill's id for that drill's rows alone.
 */
export function renderExport(
	name: FileExport,
	data: ExportData,
	exercise: string | null = null
): { body: string; type: string } {
	const [what, format] = name.split('.') as [
		'incidents' | 'teams' | 'hazards' | 'resources' | 'requests' | 'stock',
		string
	];
	if (what === 'stock') {
		const lines = stockLines(ofPicture(data.stock ?? [], exercise), data.kinds ?? []);
		const fields = Object.keys(STOCK_COLUMNS);
		const rows = lines.map((s) =>
			Object.fromEntries(Object.entries(STOCK_COLUMNS).map(([k, f]) => [k, f(s)]))
		);
		return { type: CSV, body: csvOf(fields, rows) };
	}
	const fc =
		what === 'incidents'
			? collection(INCIDENT_COLUMNS, ofPicture(data.incidents, exercise), point, (i) => i.title)
			: what === 'teams'
				? collection(TEAM_COLUMNS, ofPicture(data.teams, exercise), point, (t) => t.callsign)
				: what === 'resources'
					? collection(RESOURCE_COLUMNS, ofPicture(data.resources ?? [], exercise), point)
					: what === 'requests'
						? collection(
								REQUEST_COLUMNS,
								ofPicture(data.requests ?? [], exercise),
								requestPoint(data.incidents)
							)
						: collection(
								HAZARD_COLUMNS,
								ofPicture(data.hazards ?? [], exercise),
								shapeOf,
								(h) => h.id
							);
	if (format === 'geojson') return { type: GEOJSON, body: JSON.stringify(fc) };
	if (format === 'kml') return { type: KML, body: toKML(fc) };
	// CSV: the same properties; a hazard's area as GeoJSON text in a last column.
	const rows = fc.features.map((f) => ({ ...f.properties, geometry: JSON.stringify(f.geometry) }));
	const fields = {
		incidents: () => Object.keys(INCIDENT_COLUMNS),
		teams: () => Object.keys(TEAM_COLUMNS),
		resources: () => Object.keys(RESOURCE_COLUMNS),
		requests: () => Object.keys(REQUEST_COLUMNS),
		hazards: () => [...Object.keys(HAZARD_COLUMNS), 'geometry']
	}[what]();
	return { type: CSV, body: csvOf(fields, rows) };
}
