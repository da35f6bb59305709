/**
 * What the field reports of a resource (`eoc/v1/resources/{resourceId}/status`, a tracker bound
 * to it in the device registry): its status, position, fuel, quantity carried and note. Every
 * write of these fields from the field is here; the register's own edits are elsewhere.
 *
 * Each field is placed by the `ts` of the report that carried it, not by arrival: the resource
 * takes a field only from a report newer than the one that set it (`status_ts`, `position_ts`,
 * `fuel_ts`, `quantity_ts`, `note_ts`), so a late message never moves a resource back, and a
 * report changes only the fields it carries. The picture guard holds in SQL (`exercise is not
 * distinct from`): a report of another picture changes nothing (the batch already set it aside,
 * ingest/picture.ts). A resource that is not in the register is never created here.
 */
import type { ResourceStatus } from '$lib/contracts';
import type { Queryable } from '../../db/types';
import { bulk } from '../../db/bulk';
import { newestBy, type ResourceStatusMove } from '../../ingest/handlers/types';

export type { ResourceStatusMove };
import { addChange, type ChangeSet } from '../../live/changes';

/** One report of a resource: the fields it carries (null: not carried) at its own time. */
export interface ResourceReport {
	id: string;
	ts: Date;
	exercise: string | null;
	status: ResourceStatus | null;
	/** Both or neither (the payload's schema holds them together). */
	lat: number | null;
	lon: number | null;
	fuelPct: number | null;
	quantity: number | null;
	note: string | null;
}

/** A bound tracker's fix (devices): where the resource is, nothing else, in the real picture. */
export function trackerFix(id: string, ts: Date, lat: number, lon: number): ResourceReport {
	return {
		id,
		ts,
		lat,
		lon,
		exercise: null,
		status: null,
		fuelPct: null,
		quantity: null,
		note: null
	};
}

/** The newest value of each field per resource in the batch, with the time of its report. */
interface Merged {
	id: string;
	exercise: string | null;
	status?: ResourceStatus;
	statusTs?: Date;
	lat?: number;
	lon?: number;
	positionTs?: Date;
	fuelPct?: number;
	fuelTs?: Date;
	quantity?: number;
	quantityTs?: Date;
	note?: string;
	noteTs?: Date;
}

function merge(reports: ResourceReport[]): Merged[] {
	const rows = new Map<string, Merged>();
	const row = (r: ResourceReport) => {
		let m = rows.get(r.id);
		if (!m) rows.set(r.id, (m = { id: r.id, exercise: r.exercise }));
		return m;
	};
	const newest = (carries: (r: ResourceReport) => boolean) =>
		newestBy(reports.filter(carries), (r) => r.id);
	for (const r of newest((r) => r.status !== null))
		Object.assign(row(r), { status: r.status, statusTs: r.ts });
	for (const r of newest((r) => r.lat !== null && r.lon !== null))
		Object.assign(row(r), { lat: r.lat, lon: r.lon, positionTs: r.ts });
	for (const r of newest((r) => r.fuelPct !== null))
		Object.assign(row(r), { fuelPct: r.fuelPct, fuelTs: r.ts });
	for (const r of newest((r) => r.quantity !== null))
		Object.assign(row(r), { quantity: r.quantity, quantityTs: r.ts });
	for (const r of newest((r) => r.note !== null))
		Object.assign(row(r), { note: r.note, noteTs: r.ts });
	return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the write returns of a resource: its status now and before, and whether a report set it. */
interface WrittenRow {
	id: string;
	status: ResourceStatus;
	status_ts: Date | string;
	exercise: string | null;
	was: string;
	took: boolean;
}

/** `col` takes x's value when x's report is newer than the one that set it (null: not carried). */
const newer = (col: string, value: string, at: string, held: string) =>
	`${col} = case when x.${at} > coalesce(r.${held}, '-infinity') then x.${value} else r.${col} end`;

/**
 * Applies a batch's reports to the resources they name, each field by its own time, and names
 * every resource it touched in `changes`. Returns the resources whose status changed (to another
 * value than they held), for the request lifecycle: one per resource, its newest status.
 *
 * One statement: the resources are locked in id order first (so concurrent batches cannot
 * deadlock), which also reads the status each held before.
 */
export async function writeResourceReports(
	tx: Queryable,
	reports: ResourceReport[],
	changes: ChangeSet
): Promise<ResourceStatusMove[]> {
	const rows = await bulk<WrittenRow>(
		tx,
		(recordset) => `with x as (select * from ${recordset} as x(id text, exercise text,
				status text, "statusTs" timestamptz, lat float8, lon float8, "positionTs" timestamptz,
				"fuelPct" float8, "fuelTs" timestamptz, quantity float8, "quantityTs" timestamptz,
				note text, "noteTs" timestamptz)),
			held as (select r.id, r.status as was, r.status_ts as was_ts from resource r
				where r.id in (select id from x) order by r.id for update)
		update resource r set
			${newer('status', 'status', '"statusTs"', 'status_ts')},
			status_ts = greatest(r.status_ts, x."statusTs"),
			${newer('lat', 'lat', '"positionTs"', 'position_ts')},
			${newer('lon', 'lon', '"positionTs"', 'position_ts')},
			position_ts = greatest(r.position_ts, x."positionTs"),
			${newer('fuel_pct', '"fuelPct"', '"fuelTs"', 'fuel_ts')},
			fuel_ts = greatest(r.fuel_ts, x."fuelTs"),
			${newer('quantity', 'quantity', '"quantityTs"', 'quantity_ts')},
			quantity_ts = greatest(r.quantity_ts, x."quantityTs"),
			${newer('note', 'note', '"noteTs"', 'note_ts')},
			note_ts = greatest(r.note_ts, x."noteTs"),
			updated_at = now()
		from x join held h on h.id = x.id
		where r.id = x.id and r.exercise is not distinct from x.exercise
		returning r.id, r.status, r.status_ts, r.exercise, h.was,
			coalesce(x."statusTs" > coalesce(h.was_ts, '-infinity'), false) as took`,
		merge(reports)
	);
	for (const r of reports) addChange(changes, 'resource', r.id);
	return statusMoves(rows);
}

/**
 * The resources whose status a write changed: its new status took (its report was the newest)
 * and differs from the one it held. A clean list, in id order, for whoever moves requests on.
 */
export function statusMoves(rows: readonly WrittenRow[]): ResourceStatusMove[] {
	return rows
		.filter((r) => r.took && r.status !== r.was)
		.map((r) => ({
			id: r.id,
			status: r.status,
			ts: new Date(r.status_ts),
			exercise: r.exercise,
			from: r.was
		}))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
