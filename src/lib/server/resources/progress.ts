import type { ResourceStatus } from '$lib/contracts/resources';
import type { Queryable } from '../db/types';
import { RequestError, stepRequest } from '../entities/resource/requests';
import type { ChangeSet } from '../live/changes';

/** A resource's reported status, as the ingest wrote it (its message's time and picture). */
export interface ReportedStatus {
	id: string;
	status?: ResourceStatus | null;
	ts: Date | string;
	exercise: string | null;
}

interface Progress {
	id: string;
	status: 'assigned' | 'en_route';
	all_on_scene: boolean;
}

/**
 * Moves requests on from their resources' own reports, in the ingest's transaction, after the
 * resources' rows are written: the first resource of an assigned request to report en route (or
 * on scene) takes the request en route; when every resource assigned to it is on scene, the
 * request is delivered. The step's actor is the resource (`resource:<id>`), its time the report's.
 * Reads the resources' rows as written (a late report that did not move a row moves no request).
 * Returns the ids of the requests it moved.
 */
export async function advanceRequests(
	tx: Queryable,
	resources: readonly ReportedStatus[],
	changes: ChangeSet
): Promise<string[]> {
	const latest = new Map<string, ReportedStatus>();
	for (const r of resources)
		if (r.status === 'en_route' || r.status === 'on_scene') {
			const seen = latest.get(r.id);
			if (!seen || +new Date(seen.ts) <= +new Date(r.ts)) latest.set(r.id, r);
		}
	if (latest.size === 0) return [];
	const bound = await tx.query<{ id: string; request_id: string }>(
		`select r.id, r.request_id from resource r join resource_request q on q.id = r.request_id
		where r.id = any($1::text[]) and r.status in ('en_route', 'on_scene')
			and q.exercise is not distinct from r.exercise and q.status in ('assigned', 'en_route')
		order by r.request_id, r.id`,
		[[...latest.keys()]]
	);
	if (bound.length === 0) return [];
	const progress = await tx.query<Progress>(
		`select q.id, q.status, bool_and(r.status = 'on_scene') as all_on_scene
		from resource_request q
		join request_assignment a on a.request_id = q.id and a.released_at is null
		join resource r on r.id = a.resource_id and r.request_id = q.id
		where q.id = any($1::text[]) group by q.id, q.status order by q.id`,
		[[...new Set(bound.map((b) => b.request_id))]]
	);
	const moved: string[] = [];
	for (const q of progress) {
		// The last report of this request's resources speaks for the step.
		const reports = bound
			.filter((b) => b.request_id === q.id)
			.map((b) => latest.get(b.id) as ReportedStatus)
			.sort((a, b) => +new Date(a.ts) - +new Date(b.ts));
		const last = reports[reports.length - 1];
		const to = q.all_on_scene ? 'delivered' : q.status === 'assigned' ? 'en_route' : null;
		if (!to) continue;
		try {
			await stepRequest(tx, q.id, to, `resource:${last.id}`, null, changes, {
				at: new Date(last.ts),
				detail: { reported: reports.map((r) => ({ resourceId: r.id, status: r.status })) },
				carry: false
			});
			moved.push(q.id);
		} catch (e) {
			// Cancelled meanwhile (checked under the request's lock, before any write): the
			// report stands, the request stays as the operator left it.
			if (!(e instanceof RequestError)) throw e;
		}
	}
	return moved;
}
