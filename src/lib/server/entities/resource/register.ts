/**
 * The register's writes (issue #15, the console's /console/resources): add, edit and retire a
 * resource; add and edit a store; set a supply's quantity and minimum in a store; import many
 * resources at once. Each runs in the caller's transaction with its audit entry (who, what) and
 * names what it touched in the caller's ChangeSet, so the wall, the console and the stock alarm
 * see it on commit. Real rows only: a drill's resources and stores are its own (its scenario
 * writes them, its reset deletes them), and are refused here.
 *
 * A status or a position the register sets is placed at the time of the write (status_ts,
 * position_ts), like a report of a device: a report older than it does not move it back.
 */
import { audit } from '../../auth/audit';
import { ConsoleError } from '../../console/error';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { addChange, addRemoval, type ChangeSet } from '../../live/changes';
import type { Existing } from '../../resources/import';
import type {
	RegisterLookup,
	ResourceInput,
	StockInput,
	StoreInput
} from '../../resources/register-fields';
import { stockId } from './view';

/** A refused write: its status, the message key, the field it concerns, and the key's values. */
export class RegisterError extends ConsoleError {
	constructor(
		status: 400 | 404 | 409,
		problem: string,
		readonly field: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(status, problem);
	}
}

/** Who wrote: the audit log's name for them, and their address. */
export interface Who {
	audit: string;
	address: string | null;
}

const record = (q: Queryable, who: Who, action: string, target: string, detail: object) =>
	audit(q, { actor: who.audit, address: who.address, action, target, detail: { ...detail } });

/** The kinds (id → class) and the real picture's teams, for the checks of register-fields.ts. */
export async function registerLookup(q: Queryable): Promise<RegisterLookup> {
	const kinds = await q.query<{ id: string; class: string }>(`select id, class from resource_kind`);
	const teams = await q.query<{ id: string }>(`select id from team where exercise is null`);
	return {
		kinds: new Map(kinds.map((k) => [k.id, k.class])),
		teams: new Set(teams.map((t) => t.id))
	};
}

/**
 * The resources of these ids that exist (null: all of them), in any picture: an id is the
 * register's once, a drill's resource included.
 */
export async function existingResources(
	q: Queryable,
	ids: string[] | null,
	lock = false
): Promise<Map<string, Existing>> {
	const rows = await q.query<{
		id: string;
		exercise: string | null;
		request_id: string | null;
		status: string;
	}>(
		`select id, exercise, request_id, status from resource
		where $1::text[] is null or id = any($1::text[]) ${lock ? 'for update' : ''}`,
		[ids]
	);
	return new Map(
		rows.map((r) => [r.id, { exercise: r.exercise, requestId: r.request_id, status: r.status }])
	);
}

/** The real resource of this id, locked; refused when absent or a drill's. */
async function lockReal(tx: Queryable, id: string): Promise<Existing> {
	const had = (await existingResources(tx, [id], true)).get(id);
	if (!had) throw new RegisterError(404, 'reg_not_found', 'id', { id });
	if (had.exercise !== null)
		throw new RegisterError(409, 'reg_id_drill', 'id', { exercise: had.exercise });
	return had;
}

export async function addResource(
	tx: Queryable,
	r: ResourceInput,
	who: Who,
	changes: ChangeSet
): Promise<void> {
	const had = (await existingResources(tx, [r.id])).get(r.id);
	if (had?.exercise) throw new RegisterError(409, 'reg_id_drill', 'id', { exercise: had.exercise });
	if (had) throw new RegisterError(409, 'reg_exists', 'id', { id: r.id });
	await importResources(tx, [r], changes);
	await record(tx, who, 'resource.add', r.id, r);
}

/**
 * The form's edit: every field as sent (an empty point clears the position). The status of a
 * resource on an open request follows the request and is refused here.
 */
export async function editResource(
	tx: Queryable,
	r: ResourceInput,
	who: Who,
	changes: ChangeSet
): Promise<void> {
	const had = await lockReal(tx, r.id);
	const status = r.status ?? had.status;
	if (had.requestId && status !== had.status)
		throw new RegisterError(409, 'reg_status_held', 'status', { request: had.requestId });
	await tx.query(
		`update resource set kind_id = $2, name = $3, plate = $4, agency = $5, home_base = $6,
			capability = $7, team_id = $8,
			status_ts = case when status = $9 then status_ts else now() end, status = $9,
			position_ts = case when lat is not distinct from $10::float8
				and lon is not distinct from $11::float8 then position_ts
				when $10::float8 is null then null else now() end,
			lat = $10::float8, lon = $11::float8, updated_at = now()
		where id = $1`,
		[
			r.id,
			r.kindId,
			r.name,
			r.plate,
			r.agency,
			r.homeBase,
			r.capability,
			r.teamId,
			status,
			r.lat,
			r.lon
		]
	);
	addChange(changes, 'resource', r.id);
	await record(tx, who, 'resource.edit', r.id, { ...r, status });
}

/**
 * Takes a resource out of the register for good. Refused while it is assigned to an open
 * request (cancel the request, or let it end, first): the request would lose what it was given.
 */
export async function retireResource(
	tx: Queryable,
	id: string,
	who: Who,
	changes: ChangeSet
): Promise<void> {
	await lockReal(tx, id);
	const [open] = await tx.query<{ request_id: string }>(
		`select x.request_id from request_assignment x
		join resource_request q on q.id = x.request_id
		where x.resource_id = $1 and x.released_at is null
			and q.status in ('requested', 'approved', 'assigned', 'en_route')
		union select request_id from resource where id = $1 and request_id is not null
		limit 1`,
		[id]
	);
	if (open) throw new RegisterError(409, 'reg_retire_assigned', 'id', { request: open.request_id });
	const [gone] = await tx.query<{ name: string; kind_id: string }>(
		`delete from resource where id = $1 returning name, kind_id`,
		[id]
	);
	// No row to read a view from: the change says it went (screens drop it, the ACL forgets it).
	addRemoval(changes, 'resource', id);
	await record(tx, who, 'resource.retire', id, { name: gone.name, kindId: gone.kind_id });
}

/**
 * Many resources at once (the import, and the form's add): a new id is added, a known real one
 * updated. An empty status or point keeps what the register holds (a tracker's last position);
 * other fields take the row's value. Returns how many were added and updated.
 */
export async function importResources(
	tx: Queryable,
	rows: ResourceInput[],
	changes: ChangeSet
): Promise<{ added: number; updated: number }> {
	const written = await bulk<{ id: string; added: boolean }>(
		tx,
		(x) => `insert into resource (id, kind_id, name, plate, agency, home_base, capability,
			status, status_ts, lat, lon, position_ts, team_id)
		select id, "kindId", name, plate, agency, "homeBase", capability,
			coalesce(status, 'available'), case when status is null then null else now() end,
			lat, lon, case when lat is null then null else now() end, "teamId"
		from ${x} as r(id text, "kindId" text, name text, plate text, agency text, "homeBase" text,
			capability text, status text, lat float8, lon float8, "teamId" text)
		on conflict (id) do update set kind_id = excluded.kind_id, name = excluded.name,
			plate = excluded.plate, agency = excluded.agency, home_base = excluded.home_base,
			capability = excluded.capability, team_id = excluded.team_id,
			status = case when excluded.status_ts is null then resource.status else excluded.status end,
			status_ts = case when excluded.status_ts is null or excluded.status = resource.status
				then resource.status_ts else excluded.status_ts end,
			lat = coalesce(excluded.lat, resource.lat), lon = coalesce(excluded.lon, resource.lon),
			position_ts = case when excluded.lat is null or (excluded.lat = resource.lat
				and excluded.lon = resource.lon) then resource.position_ts else excluded.position_ts end,
			updated_at = now()
		where resource.exercise is null
		returning resource.id, (xmax = 0) as added`,
		rows
	);
	if (written.length !== rows.length)
		throw new RegisterError(409, 'reg_changed_meanwhile', 'file', {
			n: rows.length - written.length
		});
	for (const r of written) addChange(changes, 'resource', r.id);
	const added = written.filter((r) => r.added).length;
	return { added, updated: written.length - added };
}

/** Adds a store (`isNew`) or edits a real one; its stock lines show its new name at once. */
export async function saveStore(
	tx: Queryable,
	s: StoreInput,
	isNew: boolean,
	who: Who,
	changes: ChangeSet
): Promise<void> {
	const [had] = await tx.query<{ exercise: string | null }>(
		`select exercise from store where id = $1 for update`,
		[s.id]
	);
	if (had?.exercise) throw new RegisterError(409, 'reg_id_drill', 'id', { exercise: had.exercise });
	if (isNew && had) throw new RegisterError(409, 'reg_store_exists', 'id', { id: s.id });
	if (!isNew && !had) throw new RegisterError(404, 'reg_store_not_found', 'id', { id: s.id });
	await tx.query(
		`insert into store (id, name, agency, district, lat, lon) values ($1, $2, $3, $4, $5, $6)
		on conflict (id) do update set name = excluded.name, agency = excluded.agency,
			district = excluded.district, lat = excluded.lat, lon = excluded.lon`,
		[s.id, s.name, s.agency, s.district, s.lat, s.lon]
	);
	const lines = await tx.query<{ kind_id: string }>(
		`select kind_id from stock where store_id = $1`,
		[s.id]
	);
	for (const l of lines) addChange(changes, 'stock', stockId(s.id, l.kind_id));
	await record(tx, who, isNew ? 'store.add' : 'store.edit', s.id, s);
}

/** Sets a supply's quantity on hand and minimum in a real store (a new line when it had none). */
export async function setStock(
	tx: Queryable,
	s: StockInput,
	who: Who,
	changes: ChangeSet
): Promise<void> {
	const [store] = await tx.query<{ exercise: string | null }>(
		`select exercise from store where id = $1`,
		[s.storeId]
	);
	if (!store || store.exercise !== null)
		throw new RegisterError(404, 'reg_store_not_found', 'storeId', { id: s.storeId });
	const [before] = await tx.query<{ quantity: number; minimum: number | null }>(
		`select quantity, minimum from stock where store_id = $1 and kind_id = $2 for update`,
		[s.storeId, s.kindId]
	);
	await tx.query(
		`insert into stock (store_id, kind_id, quantity, minimum) values ($1, $2, $3, $4)
		on conflict (store_id, kind_id) do update set quantity = excluded.quantity,
			minimum = excluded.minimum, updated_at = now()`,
		[s.storeId, s.kindId, s.quantity, s.minimum]
	);
	addChange(changes, 'stock', stockId(s.storeId, s.kindId));
	await record(tx, who, 'stock.set', stockId(s.storeId, s.kindId), {
		...s,
		before: before ?? null
	});
}
