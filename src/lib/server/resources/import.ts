/**
 * The register from a CSV file (docs/resources.md "Import and export"): a header line naming the
 * columns (id, kind, name, plate, agency, home_base, capability, status, lat, lon, team; any
 * order, a few aliases), then a resource a line. Every row is checked before anything is written:
 * a bad row is named by its line, with each field's problem. An id already in the register is
 * updated; an id twice in the file is a bad row (its second line); an id of a drill's resource
 * is a bad row (a drill's rows are not the register's).
 */
import { csvRows } from '../csv/rows';
import {
	parseResource,
	type FieldProblem,
	type RegisterLookup,
	type ResourceField,
	type ResourceInput
} from './register-fields';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** The bad rows an answer lists at most (the count says how many there are in all). */
export const MAX_LISTED_ROWS = 50;

const HEADER_ALIASES: Record<string, ResourceField> = {
	id: 'id',
	resource_id: 'id',
	kind: 'kind',
	kind_id: 'kind',
	name: 'name',
	plate: 'plate',
	agency: 'agency',
	home_base: 'homeBase',
	homebase: 'homeBase',
	base: 'homeBase',
	capability: 'capability',
	capabilities: 'capability',
	status: 'status',
	lat: 'lat',
	latitude: 'lat',
	lon: 'lon',
	lng: 'lon',
	longitude: 'lon',
	team: 'team',
	team_id: 'team'
};

/** A resource of the register as the import needs to know it. */
export interface Existing {
	exercise: string | null;
	requestId: string | null;
	status: string;
}

export interface BadRow {
	line: number;
	/** The row's id as written (may be empty or bad itself). */
	id: string;
	problems: FieldProblem[];
}

export type ResourceImport =
	| {
			ok: true;
			/** The rows that passed, in file order. */
			good: ResourceInput[];
			/** Of the good rows, those whose id is in the register already (they update it). */
			updates: number;
			/** How many rows are bad, and the first MAX_LISTED_ROWS of them. */
			badCount: number;
			bad: BadRow[];
	  }
	/** The file as a whole cannot be read: a message key and its values. */
	| { ok: false; problem: string; params?: Record<string, string | number> };

/** Checks every row of a register CSV against the kinds, the teams and the register. */
export function parseResourceCsv(
	input: string,
	lookup: RegisterLookup,
	existing: ReadonlyMap<string, Existing>
): ResourceImport {
	const { rows, errors } = csvRows(input.replace(/^\uFEFF/, ''));
	if (errors.length)
		return {
			ok: false,
			problem: 'reg_file_unreadable',
			params: { line: errors[0].line, message: errors[0].message }
		};
	const [header, ...body] = rows;
	if (!header) return { ok: false, problem: 'reg_file_empty' };
	const keys = header.cells.map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/\s+/g, '_')]);
	for (const need of ['id', 'kind'] as const)
		if (!keys.includes(need)) return { ok: false, problem: 'reg_file_header', params: { need } };
	if (!keys.includes('name') && !keys.includes('plate'))
		return { ok: false, problem: 'reg_file_header', params: { need: 'name' } };
	if (body.length === 0) return { ok: false, problem: 'reg_file_empty' };
	if (body.length > MAX_IMPORT_ROWS)
		return { ok: false, problem: 'reg_file_too_many', params: { max: MAX_IMPORT_ROWS } };

	const good: ResourceInput[] = [];
	const bad: BadRow[] = [];
	let badCount = 0;
	let updates = 0;
	const seen = new Map<string, number>();
	for (const { line, cells } of body) {
		const raw: Partial<Record<ResourceField, string>> = {};
		keys.forEach((k, i) => {
			if (k && cells[i] !== undefined && raw[k] === undefined) raw[k] = cells[i];
		});
		const r = parseResource(raw, lookup);
		const problems = r.ok ? [] : [...r.problems];
		const id = (raw.id ?? '').trim();
		const first = seen.get(id);
		if (id && first !== undefined)
			problems.unshift({ field: 'id', problem: 'reg_id_repeated', params: { line: first } });
		else if (id) seen.set(id, line);
		const had = existing.get(id);
		if (had && had.exercise !== null)
			problems.unshift({
				field: 'id',
				problem: 'reg_id_drill',
				params: { exercise: had.exercise }
			});
		else if (r.ok && had?.requestId && r.value.status && r.value.status !== had.status)
			problems.push({
				field: 'status',
				problem: 'reg_status_held',
				params: { request: had.requestId }
			});
		if (problems.length) {
			badCount++;
			if (bad.length < MAX_LISTED_ROWS) bad.push({ line, id, problems });
		} else if (r.ok) {
			good.push(r.value);
			if (had) updates++;
		}
	}
	return { ok: true, good, updates, badCount, bad };
}
