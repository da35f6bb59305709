/**
 * The register's fields, validated at the boundary (the console's form and the CSV import share
 * these rules): each problem names its field and a message key (messages/*.json, `reg_…`), so a
 * form shows it beside the field and an import beside the line, in the operator's language.
 */
import { ID_PATTERN } from '$lib/contracts/common';
import { RESOURCE_STATUSES, type ResourceStatus } from '$lib/contracts/resources';

/** A resource's fields as a form or a CSV row names them (the CSV's home_base is homeBase). */
export const RESOURCE_FIELDS = [
	'id',
	'kind',
	'name',
	'plate',
	'agency',
	'homeBase',
	'capability',
	'status',
	'lat',
	'lon',
	'team'
] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

export interface ResourceInput {
	id: string;
	kindId: string;
	name: string;
	plate: string | null;
	agency: string | null;
	homeBase: string | null;
	capability: string | null;
	/** null: not given (a new resource is available; an import keeps the current status). */
	status: ResourceStatus | null;
	/** Both or neither; null: not given. */
	lat: number | null;
	lon: number | null;
	teamId: string | null;
}

/** What the checks need to know of the register: the kinds (id → class) and the real teams. */
export interface RegisterLookup {
	kinds: Map<string, string>;
	teams: Set<string>;
}

export interface FieldProblem {
	field: string;
	problem: string;
	params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const MAX_TEXT: Partial<Record<ResourceField, number>> = {
	name: 120,
	plate: 40,
	agency: 120,
	homeBase: 120,
	capability: 1000
};

/** A number typed with a dot or a comma; undefined when empty, NaN when not a number. */
export function numberOf(raw: string | undefined): number | undefined {
	const v = (raw ?? '').trim();
	if (v === '') return undefined;
	const n = Number(v.replace(',', '.'));
	return Number.isFinite(n) ? n : NaN;
}

/**
 * A point from `lat` and `lon` text: both or neither, each in range. Problems go to `out`;
 * returns the pair (null, null when neither is given).
 */
export function pointOf(
	raw: { lat?: string; lon?: string },
	out: FieldProblem[]
): { lat: number | null; lon: number | null } {
	const lat = numberOf(raw.lat);
	const lon = numberOf(raw.lon);
	const before = out.length;
	if (lat !== undefined && !(lat >= -90 && lat <= 90))
		out.push({ field: 'lat', problem: 'reg_lat_invalid' });
	if (lon !== undefined && !(lon >= -180 && lon <= 180))
		out.push({ field: 'lon', problem: 'reg_lon_invalid' });
	if (out.length === before && (lat === undefined) !== (lon === undefined))
		out.push({ field: lat === undefined ? 'lat' : 'lon', problem: 'reg_lat_lon_pair' });
	if (out.length > before || lat === undefined || lon === undefined)
		return { lat: null, lon: null };
	return { lat, lon };
}

/** An id of the register: `[A-Za-z0-9_-]{1,64}`, as every id in the app. */
export function idProblem(raw: string | undefined, field = 'id'): FieldProblem | null {
	const v = (raw ?? '').trim();
	if (v === '') return { field, problem: 'reg_id_missing' };
	return ID_PATTERN.test(v) ? null : { field, problem: 'reg_id_invalid' };
}

/**
 * A resource from its fields as typed: every problem, the first per field. `name` may be left
 * empty when a plate is given (the plate names it then).
 */
export function parseResource(
	raw: Partial<Record<ResourceField, string>>,
	lookup: RegisterLookup
): Parsed<ResourceInput> {
	const problems: FieldProblem[] = [];
	const text = (f: ResourceField) => {
		const v = (raw[f] ?? '').trim();
		const max = MAX_TEXT[f] ?? 200;
		if (v.length > max) problems.push({ field: f, problem: 'reg_too_long', params: { max } });
		return v || null;
	};
	const idBad = idProblem(raw.id);
	if (idBad) problems.push(idBad);
	const kindId = (raw.kind ?? '').trim();
	const cls = lookup.kinds.get(kindId);
	if (kindId === '') problems.push({ field: 'kind', problem: 'reg_kind_missing' });
	else if (cls === undefined)
		problems.push({ field: 'kind', problem: 'reg_kind_unknown', params: { kind: kindId } });
	else if (cls !== 'equipment')
		problems.push({ field: 'kind', problem: 'reg_kind_supply', params: { kind: kindId } });
	const plate = text('plate');
	const name = text('name') ?? plate;
	if (!name) problems.push({ field: 'name', problem: 'reg_name_missing' });
	const agency = text('agency');
	const homeBase = text('homeBase');
	const capability = text('capability');
	const statusRaw = (raw.status ?? '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	const status = statusRaw === '' ? null : (statusRaw as ResourceStatus);
	if (status !== null && !RESOURCE_STATUSES.includes(status))
		problems.push({
			field: 'status',
			problem: 'reg_status_invalid',
			params: { status: statusRaw }
		});
	const { lat, lon } = pointOf(raw, problems);
	const teamId = (raw.team ?? '').trim() || null;
	if (teamId !== null && !lookup.teams.has(teamId))
		problems.push({ field: 'team', problem: 'reg_team_unknown', params: { team: teamId } });
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: {
			id: (raw.id ?? '').trim(),
			kindId,
			name: name as string,
			plate,
			agency,
			homeBase,
			capability,
			status,
			lat,
			lon,
			teamId
		}
	};
}

/** A store (a warehouse or depot holding supplies) as the form sends it. */
export interface StoreInput {
	id: string;
	name: string;
	agency: string | null;
	district: string | null;
	lat: number | null;
	lon: number | null;
}
export const STORE_FIELDS = ['id', 'name', 'agency', 'district', 'lat', 'lon'] as const;

export function parseStore(raw: Partial<Record<string, string>>): Parsed<StoreInput> {
	const problems: FieldProblem[] = [];
	const idBad = idProblem(raw.id);
	if (idBad) problems.push(idBad);
	const text = (f: string, max: number) => {
		const v = (raw[f] ?? '').trim();
		if (v.length > max) problems.push({ field: f, problem: 'reg_too_long', params: { max } });
		return v || null;
	};
	const name = text('name', 120);
	if (!name) problems.push({ field: 'name', problem: 'reg_store_name_missing' });
	const agency = text('agency', 120);
	const district = text('district', 120);
	const { lat, lon } = pointOf(raw, problems);
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: { id: (raw.id ?? '').trim(), name: name as string, agency, district, lat, lon }
	};
}

/** A stock line: how much of a supply a store holds, and the minimum kept there (empty: none). */
export interface StockInput {
	storeId: string;
	kindId: string;
	quantity: number;
	minimum: number | null;
}
export const STOCK_FIELDS = ['storeId', 'kindId', 'quantity', 'minimum'] as const;
/** Far above any store's holding; keeps a typing slip (an extra zero run) out. */
const MAX_QUANTITY = 1e9;

export function parseStock(
	raw: Partial<Record<string, string>>,
	lookup: Pick<RegisterLookup, 'kinds'>
): Parsed<StockInput> {
	const problems: FieldProblem[] = [];
	const storeBad = idProblem(raw.storeId, 'storeId');
	if (storeBad) problems.push(storeBad);
	const kindId = (raw.kindId ?? '').trim();
	const cls = lookup.kinds.get(kindId);
	if (kindId === '') problems.push({ field: 'kindId', problem: 'reg_kind_missing' });
	else if (cls === undefined)
		problems.push({ field: 'kindId', problem: 'reg_kind_unknown', params: { kind: kindId } });
	else if (cls !== 'supply')
		problems.push({ field: 'kindId', problem: 'reg_kind_equipment', params: { kind: kindId } });
	const quantity = numberOf(raw.quantity);
	if (quantity === undefined || !(quantity >= 0 && quantity <= MAX_QUANTITY))
		problems.push({ field: 'quantity', problem: 'reg_quantity_invalid' });
	const minimum = numberOf(raw.minimum);
	if (minimum !== undefined && !(minimum >= 0 && minimum <= MAX_QUANTITY))
		problems.push({ field: 'minimum', problem: 'reg_minimum_invalid' });
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: {
			storeId: (raw.storeId ?? '').trim(),
			kindId,
			quantity: quantity as number,
			minimum: minimum ?? null
		}
	};
}
