import type { RequestPriority } from '$lib/contracts/resources';
import type { Queryable } from '../../db/types';
import type { Scope } from '../../exercises/scope';
import { addChange, type ChangeSet } from '../../live/changes';
import { checkStep, lockRequest, RequestError, writeStep, type RequestActor } from './request-step';
import { stockId } from './view';

/** What an assignment gives a request: named resources, or a quantity from one store. */
export type Assignment = { resources: string[] } | { storeId: string; quantity: number };

/** A resource given to a request: what its tasking goes out with, after the commit. */
export interface AssignedResource {
	resourceId: string;
	requestId: string;
	incidentId: string | null;
	place: string | null;
	lat: number | null;
	lon: number | null;
	priority: RequestPriority;
	exercise: string | null;
}

/**
 * Assigns an approved request: each resource must be available, of the request's kind and in its
 * picture (it becomes `assigned` to the request and its incident); a supply's quantity comes off
 * the store's stock (refused when the store holds less). At most the quantity asked for.
 * Returns the resources assigned, for their taskings (published after the commit).
 */
export async function assignRequest(
	tx: Queryable,
	id: string,
	what: Assignment,
	actor: RequestActor,
	changes: ChangeSet,
	opts: { picture?: Scope; at?: Date } = {}
): Promise<AssignedResource[]> {
	// Resources before the request (lockRequest says why), in id order.
	const ids = 'resources' in what ? [...new Set(what.resources)].sort() : [];
	const rows = await tx.query<{
		id: string;
		kind_id: string;
		status: string;
		exercise: string | null;
	}>(
		`select id, kind_id, status, exercise from resource where id = any($1::text[])
		order by id for update`,
		[ids]
	);
	const req = await lockRequest(tx, id, opts.picture);
	checkStep(req, 'assigned');
	const at = opts.at ?? new Date();
	let detail: Record<string, unknown>;
	let assigned: AssignedResource[] = [];
	if ('resources' in what) {
		if (ids.length === 0)
			throw new RequestError(400, 'req_assign_empty', `request ${id}: no resource chosen`);
		if (ids.length > req.quantity)
			throw new RequestError(
				400,
				'req_assign_too_many',
				`request ${id} asks for ${req.quantity}, not ${ids.length}`,
				{ need: req.quantity, have: ids.length }
			);
		for (const rid of ids) {
			const r = rows.find((x) => x.id === rid);
			if (!r || r.exercise !== req.exercise)
				throw new RequestError(
					400,
					'req_resource_unknown',
					`there is no resource ${rid} in this picture`,
					{ resource: rid }
				);
			if (r.kind_id !== req.kind_id)
				throw new RequestError(
					409,
					'req_resource_other_kind',
					`resource ${rid} is a ${r.kind_id}, the request asks for ${req.kind_id}`,
					{ resource: rid }
				);
			if (r.status !== 'available')
				throw new RequestError(
					409,
					'req_resource_not_available',
					`resource ${rid} is ${r.status}, not available`,
					{ resource: rid, status: r.status }
				);
		}
		await tx.query(
			`update resource set status = 'assigned', request_id = $2, incident_id = $3,
				status_ts = greatest(status_ts, $4::timestamptz), updated_at = now()
			where id = any($1::text[])`,
			[ids, id, req.incident_id, at.toISOString()]
		);
		await tx.query(
			`insert into request_assignment (request_id, resource_id, at, exercise)
			select $1, unnest($2::text[]), $3::timestamptz, $4`,
			[id, ids, at.toISOString(), req.exercise]
		);
		for (const rid of ids) addChange(changes, 'resource', rid);
		detail = { resources: ids };
		assigned = ids.map((resourceId) => ({
			resourceId,
			requestId: id,
			incidentId: req.incident_id,
			place: req.place,
			lat: req.lat,
			lon: req.lon,
			priority: req.priority,
			exercise: req.exercise
		}));
	} else {
		const { storeId, quantity } = what;
		if (!(quantity > 0))
			throw new RequestError(400, 'req_quantity_invalid', 'an assignment gives more than 0');
		if (quantity > req.quantity)
			throw new RequestError(
				400,
				'req_assign_too_many',
				`request ${id} asks for ${req.quantity}, not ${quantity}`,
				{ need: req.quantity, have: quantity }
			);
		const [st] = await tx.query<{ quantity: number; exercise: string | null }>(
			`select quantity, exercise from stock where store_id = $1 and kind_id = $2 for update`,
			[storeId, req.kind_id]
		);
		if (!st || st.exercise !== req.exercise)
			throw new RequestError(
				400,
				'req_store_unknown',
				`store ${storeId} holds no ${req.kind_id} in this picture`
			);
		if (st.quantity < quantity)
			throw new RequestError(
				409,
				'req_stock_short',
				`store ${storeId} holds ${st.quantity} ${req.kind_id}, not ${quantity}`,
				{ have: st.quantity, need: quantity }
			);
		await tx.query(
			`update stock set quantity = quantity - $3, updated_at = now()
			where store_id = $1 and kind_id = $2`,
			[storeId, req.kind_id, quantity]
		);
		await tx.query(
			`insert into request_assignment (request_id, store_id, quantity, at, exercise)
			values ($1, $2, $3, $4::timestamptz, $5)`,
			[id, storeId, quantity, at.toISOString(), req.exercise]
		);
		addChange(changes, 'stock', stockId(storeId, req.kind_id));
		detail = { storeId, quantity };
	}
	await writeStep(tx, req, 'assigned', actor, at, null, { from: req.status, ...detail }, changes);
	return assigned;
}
