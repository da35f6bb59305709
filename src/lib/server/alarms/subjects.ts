import type { Queryable } from '../db/types';
import type {
	HazardState,
	IncidentState,
	Readings,
	SensorState,
	StockState,
	TeamState
} from './evaluate';
import type { Target } from './geometry';
import { latestHazards } from '../entities/hazard/view';

/**
 * The engine's reads of the subjects rules test, for the given ids (null: all). A drill's rows
 * count only while the drill runs (a paused or ended drill raises nothing new); the real picture
 * always counts.
 */
const live = (a: string) =>
	`(${a}.exercise is null or exists (select 1 from exercise x where x.id = ${a}.exercise
		and x.status = 'running'))`;
const ids = (col: string, n: number) => `($${n}::text[] is null or ${col} = any($${n}::text[]))`;

export const loadSensors = (q: Queryable, only: string[] | null) =>
	q.query<SensorState>(
		`select s.id, s.last_value as value, s.warning, s.danger, s.unit, s.exercise from sensor s
		where ${ids('s.id', 1)} and ${live('s')}`,
		[only]
	);

/** Each gauge's readings of the last `minutes` before its newest reading, oldest first. */
export async function loadReadings(
	q: Queryable,
	sensorIds: string[],
	minutes: number
): Promise<Map<string, Readings>> {
	if (sensorIds.length === 0) return new Map();
	const rows = await q.query<{ id: string; t: number; v: number }>(
		`select r.sensor_id as id, (extract(epoch from r.ts) * 1000)::float8 as t, r.value as v
		from sensor_reading r join sensor s on s.id = r.sensor_id
		where r.sensor_id = any($1::text[]) and r.ts >= s.last_ts - make_interval(mins => $2::int)
			and r.exercise is not distinct from s.exercise
		order by r.sensor_id, r.ts`,
		[sensorIds, minutes]
	);
	const out = new Map<string, [number, number][]>();
	for (const r of rows) {
		let list = out.get(r.id);
		if (!list) out.set(r.id, (list = []));
		list.push([Number(r.t), Number(r.v)]);
	}
	return out;
}

export const loadTeams = (q: Queryable, only: string[] | null) =>
	q
		.query<TeamState>(
			`select t.id, t.status, t.exercise,
			(extract(epoch from greatest(t.position_ts, t.status_ts)) * 1000)::float8 as "lastHeard"
		from team t where ${ids('t.id', 1)} and ${live('t')}`,
			[only]
		)
		.then((rows) =>
			rows.map((r) => ({ ...r, lastHeard: r.lastHeard === null ? null : Number(r.lastHeard) }))
		);

export const loadIncidents = (q: Queryable, only: string[] | null) =>
	q
		.query<IncidentState>(
			`select i.id, i.severity, i.status, i.exercise,
			(extract(epoch from i.reported_at) * 1000)::float8 as "reportedAt",
			exists (select 1 from team t where t.incident_id = i.id) as assigned
		from incident i where ${ids('i.id', 1)} and ${live('i')}
			and (i.status <> 'closed' or $1::text[] is not null)`,
			[only]
		)
		.then((rows) => rows.map((r) => ({ ...r, reportedAt: Number(r.reportedAt) })));

export const loadHazards = (q: Queryable, only: string[] | null) =>
	q
		.query<HazardState>(
			`select h.hazard_id as id, h.kind, h.geometry, h.exercise from (${latestHazards}) h
		where ${ids('h.hazard_id', 1)} and ${live('h')}`,
			[only]
		)
		.then((rows) =>
			rows.map((r) => ({
				...r,
				geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry
			}))
		);

/** Supplies on hand per store (ids `{storeId}:{kindId}`), with the kind's unit of measure. */
export const loadStock = (q: Queryable, only: string[] | null) =>
	q
		.query<StockState>(
			`select st.store_id || ':' || st.kind_id as id, st.store_id as "storeId",
			st.kind_id as "kindId", st.quantity, st.minimum, k.unit, st.exercise
		from stock st left join resource_kind k on k.id = st.kind_id
		where ${ids(`(st.store_id || ':' || st.kind_id)`, 1)} and ${live('st')}`,
			[only]
		)
		.then((rows) =>
			rows.map((r) => ({
				...r,
				quantity: Number(r.quantity),
				minimum: r.minimum === null ? null : Number(r.minimum)
			}))
		);

/** Shelters, schools and every place of the EOC: what a hazard may reach. */
export const loadTargets = (q: Queryable) =>
	q.query<Target>(
		`select 'shelter' as kind, s.id, s.name, s.lat, s.lon from shelter s
			where s.lat is not null and s.lon is not null
		union all select 'school', p.id, p.name, p.lat, p.lon from place p where p.kind = 'school'
		union all select 'place', p.id, p.name, p.lat, p.lon from place p`
	);
