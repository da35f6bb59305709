import type { Snapshot } from '$lib/live/types';
import type { Database, Queryable } from '../db/types';
import {
	hazardView,
	incidentView,
	latestHazards,
	sensorView,
	shelterView,
	teamView
} from './views';

async function list<T>(q: Queryable, sql: string): Promise<T[]> {
	const rows = await q.query<{ v: unknown }>(sql);
	return rows.map((r) => (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as T);
}

export const reads = {
	teams: (q: Queryable) =>
		list<Snapshot['teams'][number]>(q, `select ${teamView()} as v from team t order by t.callsign`),
	incidents: (q: Queryable, includeClosed = false) =>
		list<Snapshot['incidents'][number]>(
			q,
			`select ${incidentView()} as v from incident i
			${includeClosed ? '' : "where i.status <> 'closed'"}
			order by i.severity desc, i.reported_at desc`
		),
	sensors: (q: Queryable) =>
		list<Snapshot['sensors'][number]>(q, `select ${sensorView()} as v from sensor s order by s.id`),
	hazards: (q: Queryable) =>
		list<Snapshot['hazards'][number]>(q, `select ${hazardView()} as v from (${latestHazards}) h`),
	shelters: (q: Queryable) =>
		list<Snapshot['shelters'][number]>(
			q,
			`select ${shelterView()} as v from shelter s order by s.name`
		)
};

/**
 * The whole picture and the change id it is current to, read in one repeatable-read transaction
 * so that the deltas that follow (ids above it) apply on top without a gap or an overlap.
 */
export async function readSnapshot(db: Database): Promise<{ id: number; snapshot: Snapshot }> {
	return db.transaction(async (tx) => {
		await tx.query('set transaction isolation level repeatable read');
		const [row] = await tx.query<{ max: string | null }>('select max(id) as max from change');
		const snapshot: Snapshot = {
			teams: await reads.teams(tx),
			incidents: await reads.incidents(tx),
			sensors: await reads.sensors(tx),
			hazards: await reads.hazards(tx),
			shelters: await reads.shelters(tx),
			asOf: new Date().toISOString()
		};
		return { id: Number(row?.max ?? 0), snapshot };
	});
}
