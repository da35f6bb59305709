import { randomBytes } from 'node:crypto';
import type { RequestPriority, RequestStatus, RequesterKind } from '$lib/contracts/resources';
import type { Queryable } from '../../db/types';
import type { Scope } from '../../exercises/scope';
import { addChange, type ChangeSet } from '../../live/changes';
import {
	checkStep,
	lockRequest,
	NEEDS_REASON,
	RequestError,
	writeStep,
	type LockedRequest,
	type RequestActor
} from './request-step';
import { stockId } from './view';

export { lockRequest, RequestError, type RequestActor } from './request-step';
export { assignRequest, type AssignedResource, type Assignment } from './request-assign';

/**
 * Every write to a resource request (the ICS-213RR lifecycle, docs/requests.md): create, step
 * (approve, refuse, en route, delivered, cancel), assign. Each step is checked against
 * REQUEST_NEXT, writes a `resource_request_step` row (who, when, why, what) and an audit entry in
 * the caller's transaction (both commit with the step, or neither), sets the step's time column,
 * and names the request, resources and stock it touched in the caller's ChangeSet. A step that is
 * not allowed throws a RequestError (a ConsoleError: its status and message key for a form, and
 * an English sentence naming the request and the step for a log or a drill's script).
 */

export interface NewRequest {
	/** Given by a drill's script; otherwise a new `req-…` id. */
	id?: string;
	kindId: string;
	quantity: number;
	incidentId?: string | null;
	place?: string | null;
	lat?: number | null;
	lon?: number | null;
	priority?: RequestPriority;
	neededBy?: Date | null;
	requesterKind: RequesterKind;
	requester: string;
	note?: string | null;
	/** The picture: null for the real one, a drill's id for its own. */
	exercise?: Scope;
	demo?: boolean;
	/** When it was asked (default now: a drill's script may give its clock's time). */
	at?: Date;
}

/** A new request, `requested`, with its first step. Returns its id. */
export async function createRequest(
	tx: Queryable,
	input: NewRequest,
	actor: RequestActor,
	changes: ChangeSet
): Promise<string> {
	const id = input.id ?? 'req-' + randomBytes(6).toString('hex');
	const exercise = input.exercise ?? null;
	const at = input.at ?? new Date();
	if (!(input.quantity > 0))
		throw new RequestError(400, 'req_quantity_invalid', 'a request asks for more than 0');
	const hasPoint = input.lat != null && input.lon != null;
	if (!input.incidentId && !input.place && !hasPoint)
		throw new RequestError(
			400,
			'req_where_missing',
			'a request names an incident, a place or a point'
		);
	const [kind] = await tx.query(`select 1 from resource_kind where id = $1`, [input.kindId]);
	if (!kind)
		throw new RequestError(400, 'req_kind_unknown', `there is no resource kind ${input.kindId}`);
	if (input.incidentId) {
		const [inc] = await tx.query<{ exercise: string | null }>(
			`select exercise from incident where id = $1`,
			[input.incidentId]
		);
		if (!inc || inc.exercise !== exercise)
			throw new RequestError(
				400,
				'req_incident_unknown',
				`there is no incident ${input.incidentId} in this picture`
			);
	}
	const inserted = await tx.query(
		`insert into resource_request (id, kind_id, quantity, incident_id, place, lat, lon, priority,
			needed_by, requester_kind, requester, note, status, requested_at, exercise, demo)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10, $11, $12, 'requested',
			$13::timestamptz, $14, $15)
		on conflict (id) do nothing returning id`,
		[
			id,
			input.kindId,
			input.quantity,
			input.incidentId ?? null,
			input.place ?? null,
			hasPoint ? input.lat : null,
			hasPoint ? input.lon : null,
			input.priority ?? 'normal',
			input.neededBy?.toISOString() ?? null,
			input.requesterKind,
			input.requester,
			input.note ?? null,
			at.toISOString(),
			exercise,
			input.demo ?? false
		]
	);
	if (inserted.length === 0)
		throw new RequestError(409, 'req_exists', `request ${id} exists already`);
	const detail = {
		kindId: input.kindId,
		quantity: input.quantity,
		priority: input.priority ?? 'normal',
		requester: input.requester,
		requesterKind: input.requesterKind,
		...(input.incidentId ? { incidentId: input.incidentId } : {}),
		...(input.place ? { place: input.place } : {})
	};
	await writeStep(tx, { id, exercise }, 'requested', actor, at, null, detail, changes);
	return id;
}

/** Resources of the request still bound to it, moved on with the request (device reports win later). */
async function moveResources(
	tx: Queryable,
	requestId: string,
	from: readonly string[],
	to: string,
	at: Date,
	changes: ChangeSet
) {
	const rows = await tx.query<{ id: string }>(
		`update resource set status = $3, status_ts = greatest(status_ts, $4::timestamptz),
			updated_at = now()
		where request_id = $1 and status = any($2::text[]) returning id`,
		[requestId, from, to, at.toISOString()]
	);
	for (const r of rows) addChange(changes, 'resource', r.id);
	return rows.map((r) => r.id);
}

/**
 * Moves a request one step (approved, refused, en_route, delivered, cancelled; `assigned` is
 * assignRequest's). Refused and cancelled need a reason; a cancel releases what was assigned
 * (resources back to available, supplies back to their store). En route and delivered carry the
 * request's resources that have not reported yet along (assigned → en route → on scene), unless
 * `carry` is false (a step a resource's own report made: the others report for themselves).
 * `picture`, when given, must be the request's (a console acts in its own picture only).
 */
export async function stepRequest(
	tx: Queryable,
	id: string,
	to: RequestStatus,
	actor: RequestActor,
	reason: string | null | undefined,
	changes: ChangeSet,
	opts: {
		picture?: Scope;
		at?: Date;
		detail?: Record<string, unknown>;
		carry?: boolean;
	} = {}
): Promise<void> {
	const carry = opts.carry ?? true;
	const req = await lockRequest(tx, id, opts.picture, carry);
	const why = reason?.trim() || null;
	if (to === 'assigned')
		throw new RequestError(
			400,
			'req_assign_needs_what',
			`request ${id} is assigned with the resources or the store it gets`
		);
	checkStep(req, to);
	if (NEEDS_REASON.includes(to) && !why)
		throw new RequestError(400, 'req_reason_missing', `request ${id} is ${to} only with a reason`, {
			to
		});
	const at = opts.at ?? new Date();
	const detail: Record<string, unknown> = { from: req.status, ...opts.detail };
	if (to === 'cancelled') Object.assign(detail, await releaseAssigned(tx, req, at, changes));
	if (carry && to === 'en_route') {
		const moved = await moveResources(tx, id, ['assigned'], 'en_route', at, changes);
		if (moved.length) detail.resources = moved;
	}
	if (carry && to === 'delivered') {
		const moved = await moveResources(tx, id, ['assigned', 'en_route'], 'on_scene', at, changes);
		if (moved.length) detail.resources = moved;
	}
	await writeStep(tx, req, to, actor, at, why, detail, changes);
}

/** What a cancel gives back: the resources it freed and the supplies returned to stores. */
async function releaseAssigned(
	tx: Queryable,
	req: LockedRequest,
	at: Date,
	changes: ChangeSet
): Promise<Record<string, unknown>> {
	const rows = await tx.query<{
		resource_id: string | null;
		store_id: string | null;
		quantity: number | null;
	}>(
		`update request_assignment set released_at = $2::timestamptz
		where request_id = $1 and released_at is null
		returning resource_id, store_id, quantity`,
		[req.id, at.toISOString()]
	);
	const resources = rows.flatMap((r) => (r.resource_id ? [r.resource_id] : []));
	const freed = await tx.query<{ id: string }>(
		`update resource set status = 'available', request_id = null, incident_id = null,
			status_ts = greatest(status_ts, $3::timestamptz), updated_at = now()
		where id = any($1::text[]) and request_id = $2 returning id`,
		[resources, req.id, at.toISOString()]
	);
	for (const r of freed) addChange(changes, 'resource', r.id);
	const returned: { storeId: string; quantity: number }[] = [];
	for (const r of rows) {
		if (!r.store_id || !r.quantity) continue;
		await tx.query(
			`update stock set quantity = quantity + $3, updated_at = now()
			where store_id = $1 and kind_id = $2`,
			[r.store_id, req.kind_id, r.quantity]
		);
		addChange(changes, 'stock', stockId(r.store_id, req.kind_id));
		returned.push({ storeId: r.store_id, quantity: r.quantity });
	}
	return {
		...(freed.length ? { released: freed.map((r) => r.id) } : {}),
		...(returned.length ? { returned } : {})
	};
}
