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
import { inScope, REAL, type Scope } from '../exercises/scope';
import {
	alertShown,
	alertView,
	logEntryView,
	verifiedEvents,
	sensorView,
	shelterView,
	teamView
} from './views';
import { viewRows } from '../entities/view';
import { readIncidents } from '../entities/incident/read';
import { readHazards } from '../entities/hazard/read';

const list = viewRows;

/**
 * The JSON reads of the picture, each for one scope (the real picture unless asked): the snapshot,
 * the REST reads, the exports, the console and the sitrep all read through these, so none of them
 * can mix drill rows into the real picture. Shelters and settings belong to the EOC, not to a
 * picture: every scope shows them.
 */
export const reads = {
	teams: (q: Queryable, scope: Scope = REAL) =>
		list<Snapshot['teams'][number]>(
			q,
			`select ${teamView()} as v from team t where ${inScope('t.exercise', 1)} order by t.callsign`,
			[scope]
		),
	incidents: readIncidents,
	sensors: (q: Queryable, scope: Scope = REAL) =>
		list<Snapshot['sensors'][number]>(
			q,
			`select ${sensorView()} as v from sensor s where ${inScope('s.exercise', 1)} order by s.id`,
			[scope]
		),
	hazards: readHazards,
	shelters: (q: Queryable) =>
		list<Snapshot['shelters'][number]>(
			q,
			`select ${shelterView()} as v from shelter s order by s.name`,
			[]
		),
	events: (q: Queryable, limit = 50, scope: Scope = REAL) =>
		list<Snapshot['events'][number]>(
			q,
			`select ${logEntryView()} as v from log_entry l where ${verifiedEvents}
			and ${inScope('l.exercise', 1)}
			order by l.ts desc, l.id desc limit ${Number(limit)}`,
			[scope]
		),
	/** Alerts a wall shows now: most severe first, then newest. */
	alerts: (q: Queryable, scope: Scope = REAL) =>
		list<Snapshot['alerts'][number]>(
			q,
			`select ${alertView()} as v from alert a where ${alertShown()} and a.expires_at > now()
			and ${inScope('a.exercise', 1)}
			order by a.sent desc`,
			[scope]
		),
	/** The last 30 minutes of every team's positions, at most TRAIL_MAX_POINTS each. */
	trails: (q: Queryable, scope: Scope = REAL) =>
		grouped<TrailPoint>(
			q,
			`select team_id as k, json_agg(json_build_array(lon, lat, (extract(epoch from ts) * 1000)::bigint)
				order by ts) as v
			from (select team_id, ts, lat, lon,
					row_number() over (partition by team_id order by ts desc) as rn
				from team_position where ts > now() - make_interval(secs => ${TRAIL_WINDOW_MS / 1000})
				and ${inScope('exercise', 1)}) p
			where rn <= ${TRAIL_MAX_POINTS}
			group by team_id`,
			[scope]
		),
	/** The last 6 hours of every sensor, the maximum per 5-minute bucket (thresholds are maxima). */
	series: (q: Queryable, scope: Scope = REAL) =>
		grouped<SeriesPoint>(
			q,
			`select sensor_id as k, json_agg(json_build_array(b, v) order by b) as v
			from (select sensor_id,
					(floor(extract(epoch from ts) * 1000 / ${SERIES_BUCKET_MS}) * ${SERIES_BUCKET_MS})::bigint as b,
					max(value) as v
				from sensor_reading where ts > now() - make_interval(secs => ${SERIES_WINDOW_MS / 1000})
				and ${inScope('exercise', 1)}
				group by 1, 2) r
			group by sensor_id`,
			[scope]
		)
};

async function grouped<T>(
	q: Queryable,
	sql: string,
	params: unknown[]
): Promise<Record<string, T[]>> {
	const rows = await q.query<{ k: string; v: unknown }>(sql, params);
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
export async function readSnapshot(
	db: Database,
	scope: Scope = REAL
): Promise<{ id: number; snapshot: Snapshot }> {
	return db.transaction(async (tx) => {
		await tx.query('set transaction isolation level repeatable read');
		const [row] = await tx.query<{ max: string | null }>('select max(id) as max from change');
		const snapshot: Snapshot = {
			teams: await reads.teams(tx, scope),
			incidents: await reads.incidents(tx, false, scope),
			sensors: await reads.sensors(tx, scope),
			hazards: await reads.hazards(tx, scope),
			shelters: await reads.shelters(tx),
			alerts: await reads.alerts(tx, scope),
			settings: await readSettings(tx),
			events: await reads.events(tx, 50, scope),
			trails: await reads.trails(tx, scope),
			series: await reads.series(tx, scope),
			asOf: new Date().toISOString()
		};
		return { id: Number(row?.max ?? 0), snapshot };
	});
}
