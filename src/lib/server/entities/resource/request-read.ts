import type { RequestStatus } from '$lib/contracts/resources';
import type { RequestView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { jsonList } from '../json';
import { requestView } from './view';

/** One request, whatever its picture (the page checks it is the console's). */
export async function readRequest(q: Queryable, id: string): Promise<RequestView | undefined> {
	const [view] = await jsonList<RequestView>(
		q,
		`select ${requestView.sql()} as v from resource_request q where q.id = $1`,
		[id]
	);
	return view;
}

export interface RequestStep {
	id: number;
	status: RequestStatus;
	at: string;
	actor: string;
	reason: string | null;
	detail: Record<string, unknown>;
}

/** A request's steps, in the order they were taken. */
export async function readRequestSteps(q: Queryable, id: string): Promise<RequestStep[]> {
	const rows = await q.query<{
		id: number | string;
		status: RequestStatus;
		at: Date | string;
		actor: string;
		reason: string | null;
		detail: unknown;
	}>(
		`select id, status, at, actor, reason, detail from resource_request_step
		where request_id = $1 order by id`,
		[id]
	);
	return rows.map((r) => ({
		id: Number(r.id),
		status: r.status,
		at: new Date(r.at).toISOString(),
		actor: r.actor,
		reason: r.reason,
		detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<
			string,
			unknown
		>
	}));
}
