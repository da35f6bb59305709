import {
	SERIES_BUCKET_MS,
	SERIES_WINDOW_MS,
	TRAIL_MAX_POINTS,
	TRAIL_WINDOW_MS,
	type SeriesPoint,
	type Snapshot,
	type TrailPoint
} from '$lib/live/types';
import { readSettings } from '../settings';
import type { Database, Queryable } from '../db/types';
import {
	alertShown,
	alertView,
	hazardView,
	incidentView,
	latestHazards,
	logEntryView,
	verifiedEvents,
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
		),
	events: (q: Queryable, limit = 50) =>
		list<Snapshot['events'][number]>(
			q,
			`select ${logEntryView()} as v from log_entry l where ${verifiedEvents}
			order by l.ts desc, l.id desc limit ${Number(limit)}`
		),
	/** Alerts a wall shows now: most severe first, then newest. */
	alerts: (q: Queryable) =>
		list<Snapshot['alerts'][number]>(
			q,
			`select ${alertView()} as v from alert a where ${alertShown()} and a.expires_at > now()
			order by a.sent desc`
		),
	/** The last 30 minutes of every team's positions, at most TRAIL_MAX_POINTS each. */
	trails: (q: Queryable) =>
		grouped<TrailPoint>(
			q,
			`select team_id as k, json_agg(json_build_array(lon, lat, (extract(epoch from ts) * 1000)::bigint)
				order by ts) as v
			from (select team_id, ts, lat, lon,
					row_number() over (partition by team_id order by ts desc) as rn
				from team_position where ts > now() - make_interval(secs => ${TRAIL_WINDOW_MS / 1000})) p
			where rn <= ${TRAIL_MAX_POINTS}
			group by team_id`
		),
	/** The last 6 hours of every sensor, the maximum per 5-minute bucket (thresholds are maxima). */
	series: (q: Queryable) =>
		grouped<SeriesPoint>(
			q,
			`select sensor_id as k, json_agg(json_build_array(b, v) order by b) as v
			from (select sensor_id,
					(floor(extract(epoch from ts) * 1000 / ${SERIES_BUCKET_MS}) * ${SERIES_BUCKET_MS})::bigint as b,
					max(value) as v
				from sensor_reading where ts > now() - make_interval(secs => ${SERIES_WINDOW_MS / 1000})
				group by 1, 2) r
			group by sensor_id`
		)
};

async function grouped<T>(q: Queryable, sql: string): Promise<Record<string, T[]>> {
	const rows = await q.query<{ k: string; v: unknown }>(sql);
	const out: Record<string, T[]> = {};
	for (const r of rows) {
		const v = (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as unknown[][];
		out[r.k] = v.map((p) => p.map(Number)) as T[];
	}
	return out;
}

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
			alerts: await reads.alerts(tx),
			settings: await readSettings(tx),
			events: await reads.events(tx),
			trails: await reads.trails(tx),
			series: await reads.series(tx),
			asOf: new Date().toISOString()
		};
		return { id: Number(row?.max ?? 0), snapshot };
	});
}
