import { bulk } from '../../db/bulk';
import { addChange } from '../../live/changes';
import { newestBy, type Handler } from './types';

export interface PositionRow {
	teamId: string;
	ts: Date;
	lat: number;
	lon: number;
	accuracyM: number | null;
	speedMps: number | null;
	headingDeg: number | null;
	altitudeM: number | null;
	batteryPct: number | null;
	exercise: string | null;
}

const POSITION_COLUMNS = `"teamId" text, ts timestamptz, lat float8, lon float8, "accuracyM" float8,
	"speedMps" float8, "headingDeg" float8, "altitudeM" float8, "batteryPct" float8, exercise text`;

/**
 * Stores every position, then moves each team to its newest one, if newer than what it holds.
 * Also used by the device adapters and the registry (a mapped device's kept positions). A row of
 * another picture than the position's (picture.ts) gets neither: the team is never moved or
 * retagged, and its track never holds another picture's points.
 */
export async function writePositions(
	tx: Parameters<Handler<'position'>>[0],
	rows: PositionRow[]
): Promise<void> {
	await bulk(
		tx,
		(r) => `insert into team_position (team_id, ts, lat, lon, accuracy_m, speed_mps, heading_deg,
			altitude_m, battery_pct, exercise)
		select "teamId", ts, lat, lon, "accuracyM", "speedMps", "headingDeg", "altitudeM", "batteryPct",
			exercise from ${r} as x(${POSITION_COLUMNS})
		where not exists (select 1 from team t
			where t.id = x."teamId" and t.exercise is distinct from x.exercise)`,
		rows
	);
	// A late message never moves a team back: the update applies only to an older position.
	await bulk(
		tx,
		(r) => `insert into team (id, callsign, lat, lon, position_ts, heading_deg, speed_mps,
			battery_pct, exercise)
		select "teamId", "teamId", lat, lon, ts, "headingDeg", "speedMps", "batteryPct", exercise
		from ${r} as x(${POSITION_COLUMNS})
		on conflict (id) do update set lat = excluded.lat, lon = excluded.lon,
			position_ts = excluded.position_ts, heading_deg = excluded.heading_deg,
			speed_mps = excluded.speed_mps,
			battery_pct = coalesce(excluded.battery_pct, team.battery_pct), updated_at = now()
		where team.exercise is not distinct from excluded.exercise
			and (team.position_ts is null or team.position_ts < excluded.position_ts)`,
		newestBy(rows, (r) => r.teamId)
	);
}

export const positions: Handler<'position'> = async (tx, messages, changes) => {
	await writePositions(
		tx,
		messages.map((m) => ({
			teamId: m.teamId,
			ts: m.ts,
			lat: m.body.lat,
			lon: m.body.lon,
			accuracyM: m.body.accuracyM ?? null,
			speedMps: m.body.speedMps ?? null,
			headingDeg: m.body.headingDeg ?? null,
			altitudeM: m.body.altitudeM ?? null,
			batteryPct: m.body.batteryPct ?? null,
			exercise: m.exercise
		}))
	);
	for (const m of messages) addChange(changes, 'team', m.teamId);
};

export const statuses: Handler<'status'> = async (tx, messages, changes) => {
	const newest = newestBy(messages, (m) => m.teamId).map((m) => ({
		teamId: m.teamId,
		ts: m.ts,
		status: m.body.status,
		incidentId: m.body.incidentId ?? null,
		personnel: m.body.personnel ?? null,
		note: m.body.note ?? null,
		exercise: m.exercise
	}));
	await bulk(
		tx,
		(
			r
		) => `insert into team (id, callsign, status, status_ts, incident_id, personnel, note, exercise)
		select "teamId", "teamId", status, ts, "incidentId", personnel, note, exercise
		from ${r} as x("teamId" text, ts timestamptz, status text, "incidentId" text, personnel int,
			note text, exercise text)
		on conflict (id) do update set status = excluded.status, status_ts = excluded.status_ts,
			incident_id = excluded.incident_id,
			personnel = coalesce(excluded.personnel, team.personnel), note = excluded.note,
			updated_at = now()
		where team.exercise is not distinct from excluded.exercise
			and (team.status_ts is null or team.status_ts < excluded.status_ts)`,
		newest
	);
	// A status that carries a fix is also a position.
	const fixes = messages.filter((m) => m.body.lat !== undefined && m.body.lon !== undefined);
	await writePositions(
		tx,
		fixes.map((m) => ({
			teamId: m.teamId,
			ts: m.ts,
			lat: m.body.lat as number,
			lon: m.body.lon as number,
			accuracyM: null,
			speedMps: null,
			headingDeg: null,
			altitudeM: null,
			batteryPct: null,
			exercise: m.exercise
		}))
	);
	for (const m of messages) addChange(changes, 'team', m.teamId);
};
