import Papa from 'papaparse';
import type { IncidentView, TeamView } from '$lib/live/types';

/**
 * Exports of the picture for other tools: GeoJSON (RFC 7946: lon, lat; WGS 84) and CSV
 * (RFC 4180, written by papaparse). Text from the field is data, never a formula: a cell that a
 * spreadsheet would run (=, +, -, @ …) is quoted as text (papaparse `escapeFormulae`).
 */
export const EXPORTS = [
	'incidents.geojson',
	'incidents.csv',
	'teams.geojson',
	'teams.csv'
] as const;
export type ExportName = (typeof EXPORTS)[number];

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

type Located = { id: string; lat: number | null; lon: number | null };

/** A FeatureCollection: each item a Point (lon, lat), or no geometry when it has no position. */
const geojson = <T extends Located>(cols: Columns<T>, items: T[]) =>
	JSON.stringify({
		type: 'FeatureCollection',
		features: items.map((x) => ({
			type: 'Feature',
			id: x.id,
			geometry:
				x.lat === null || x.lon === null ? null : { type: 'Point', coordinates: [x.lon, x.lat] },
			properties: Object.fromEntries(Object.entries(cols).map(([k, f]) => [k, f(x)]))
		}))
	});

const csv = <T>(cols: Columns<T>, items: T[]) =>
	Papa.unparse(
		{ fields: Object.keys(cols), data: items.map((x) => Object.values(cols).map((f) => f(x))) },
		{ escapeFormulae: CSV_FORMULA, newline: '\r\n' }
	) + '\r\n';

const GEOJSON = 'application/geo+json';
const CSV = 'text/csv; charset=utf-8';

/** The body and content type of an export. */
export function renderExport(
	name: ExportName,
	data: { incidents: IncidentView[]; teams: TeamView[] }
): { body: string; type: string } {
	switch (name) {
		case 'incidents.geojson':
			return { type: GEOJSON, body: geojson(INCIDENT_COLUMNS, data.incidents) };
		case 'teams.geojson':
			return { type: GEOJSON, body: geojson(TEAM_COLUMNS, data.teams) };
		case 'incidents.csv':
			return { type: CSV, body: csv(INCIDENT_COLUMNS, data.incidents) };
		case 'teams.csv':
			return { type: CSV, body: csv(TEAM_COLUMNS, data.teams) };
	}
}
