import { REQUEST_NEXT, type RequestPriority, type RequestStatus } from '$lib/contracts/resources';
import { audit } from '../../auth/audit';
import { ConsoleError } from '../../console/error';
import type { Queryable } from '../../db/types';
import type { Scope } from '../../exercises/scope';
import { addChange, type ChangeSet } from '../../live/changes';

/**
 * What every step of a request shares (requests.ts, request-assign.ts): the lock, the check
 * against REQUEST_NEXT, and the step's row, time column and audit entry.
 */

/** Who moved the request: a person's audit name (email), a token, or `resource:<id>`. */
export type RequestActor = string | { audit: string; address?: string | null };

export class RequestError extends ConsoleError {
	constructor(
		status: 400 | 404 | 409,
		problem: string,
		message: string,
		/** Values the message key words (from, to, have, need). */
		readonly params: Record<string, string | number> = {}
	) {
		super(status, problem);
		this.message = message;
	}
}

/**
 * The time columns each step sets. `closed_at` is when the request ended, however it ended
 * (delivered, refused, cancelled): the snapshot keeps ended requests for a day after it.
 */
const STEP_COLUMNS: Partial<Record<RequestStatus, string[]>> = {
	approved: ['approved_at'],
	assigned: ['assigned_at'],
	en_route: ['en_route_at'],
	delivered: ['delivered_at', 'closed_at'],
	refused: ['closed_at'],
	cancelled: ['closed_at']
};

/** Steps that end a request: their reason is required. */
export const NEEDS_REASON: readonly RequestStatus[] = ['refused', 'cancelled'];

export interface LockedRequest {
	id: string;
	kind_id: string;
	quantity: number;
	incident_id: string | null;
	place: string | null;
	lat: number | null;
	lon: number | null;
	priority: RequestPriority;
	status: RequestStatus;
	exercise: string | null;
}

const nameOf = (a: RequestActor) => (typeof a === 'string' ? a : a.audit);
const addressOf = (a: RequestActor) => (typeof a === 'string' ? null : (a.address ?? null));

/**
 * The request's row, locked for the step; refused when absent or in another picture. A person's
 * step locks the resources bound to it first, in id order, then the request (resource rows before
 * request rows, as the ingest and an assignment take them). The ingest's step (`withResources`
 * false) holds the reporting resources already and locks the request only: it never waits for
 * another resource, so a report and a person's step cannot deadlock.
 */
export async function lockRequest(
	tx: Queryable,
	id: string,
	picture?: Scope,
	withResources = true
): Promise<LockedRequest> {
	if (withResources)
		await tx.query(`select id from resource where request_id = $1 order by id for update`, [id]);
	const [row] = await tx.query<LockedRequest>(
		`select id, kind_id, quantity, incident_id, place, lat, lon, priority, status, exercise
		from resource_request where id = $1 for update`,
		[id]
	);
	if (!row) throw new RequestError(404, 'req_not_found', `there is no request ${id}`);
	if (picture !== undefined && row.exercise !== picture)
		throw new RequestError(409, 'other_picture', `request ${id} is in another picture`);
	return row;
}

/** Appends the step and its audit entry, and sets the step's time on the request. */
export async function writeStep(
	tx: Queryable,
	req: { id: string; exercise: string | null },
	to: RequestStatus,
	actor: RequestActor,
	at: Date,
	reason: string | null,
	detail: Record<string, unknown>,
	changes: ChangeSet
) {
	const params: unknown[] = [req.id, to];
	const sets = ['status = $2', 'updated_at = now()'];
	const columns = STEP_COLUMNS[to] ?? [];
	if (columns.length) {
		const n = params.push(at.toISOString());
		for (const c of columns) sets.push(`${c} = $${n}::timestamptz`);
	}
	if (NEEDS_REASON.includes(to)) sets.push(`reason = $${params.push(reason)}`);
	await tx.query(`update resource_request set ${sets.join(', ')} where id = $1`, params);
	await tx.query(
		`insert into resource_request_step (request_id, status, at, actor, reason, detail, exercise)
		values ($1, $2, $3::timestamptz, $4, $5, ($6::text)::jsonb, $7)`,
		[req.id, to, at.toISOString(), nameOf(actor), reason, JSON.stringify(detail), req.exercise]
	);
	await audit(tx, {
		actor: nameOf(actor),
		action: `request.${to}`,
		target: req.id,
		detail: { ...detail, ...(reason ? { reason } : {}), exercise: req.exercise },
		address: addressOf(actor)
	});
	addChange(changes, 'request', req.id);
}

/** Refuses a step REQUEST_NEXT does not list, naming from → to. */
export function checkStep(req: LockedRequest, to: RequestStatus) {
	if (!REQUEST_NEXT[req.status].includes(to))
		throw new RequestError(
			409,
			'req_step_not_allowed',
			`request ${req.id} cannot go from ${req.status} to ${to}`,
			{ from: req.status, to }
		);
}
