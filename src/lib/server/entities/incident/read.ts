import type { IncidentView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonList } from '../json';
import { incidentView } from './view';

/**
 * The incident's reads, each of one picture (the real one unless asked): the snapshot, the REST
 * read, the exports, the console and the sitrep read through these.
 */

/** Most severe first, then newest; closed ones only when asked. */
export const readIncidents = (q: Queryable, includeClosed = false, scope: Scope = REAL) =>
	jsonList<IncidentView>(
		q,
		`select ${incidentView.sql()} as v from incident i where ${inScope('i.exercise', 1)}
			${includeClosed ? '' : "and i.status <> 'closed'"}
			order by i.severity desc, i.reported_at desc`,
		[scope]
	);

/** One incident, whatever its picture (the console page shows the one it is asked for). */
export async function readIncident(q: Queryable, id: string): Promise<IncidentView | undefined> {
	const [view] = await jsonList<IncidentView>(
		q,
		`select ${incidentView.sql()} as v from incident i where i.id = $1`,
		[id]
	);
	return view;
}

/** An incident's history, newest first (the last 200 events). */
export const readIncidentHistory = (q: Queryable, id: string) =>
	q.query<{ id: number; ts: Date | string; kind: string; actor: string | null; data: unknown }>(
		`select id, ts, kind, actor, data from incident_event where incident_id = $1
		order by ts desc, id desc limit 200`,
		[id]
	);

/** What a report brings to the incident it is merged into. */
export async function readReportCounts(q: Queryable, id: string) {
	const [r] = await q.query<{ casualties: unknown; affected: unknown; reporter: string | null }>(
		'select casualties, affected, reporter from incident where id = $1',
		[id]
	);
	return r;
}
