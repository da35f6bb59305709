/**
 * Every write to the team's tables (`team`, `team_position`): the ingest handlers, the device
 * adapters and registry, the console, the roster, the drills and the demo seed call these, and
 * nothing else writes them. Each write names the teams it touched in the caller's change set, so
 * a wall hears of every change.
 *
 * The picture guard (ingest/picture.ts, docs/ingest.md) holds in SQL here too: a message or an
 * operator of another picture than the team's never moves, retags or re-registers it (`exercise
 * is not distinct from`), and a late message never moves a team back (each field by its own ts).
 */
import type { ExerciseTeam } from '$lib/contracts';
import type { Database, Queryable } from '../../db/types';
import { team, teamPosition } from '../../db/schema';
import { bulk } from '../../db/bulk';
import { newestBy } from '../../ingest/handlers/types';
import { sortBy } from '../../ingest/dedup';
import { addChange, type ChangeSet } from '../../live/changes';
import { recordOf, type RowOf } from '../record';

const POSITION = recordOf(teamPosition, [
	'teamId',
	'ts',
	'lat',
	'lon',
	'accuracyM',
	'speedMps',
	'headingDeg',
	'altitudeM',
	'batteryPct',
	'exercise'
] as const);

/** One reported position of a team. */
export type PositionRow = RowOf<typeof teamPosition, (typeof POSITION.keys)[number]>;

/**
 * Stores every position, then moves each team to its newest one, if newer than what it holds. A
 * row of another picture than the position's gets neither: the team is never moved or retagged,
 * and its track never holds another picture's points. An unknown team is created (named by its
 * id) in the position's picture.
 */
export async function writePositions(
	tx: Queryable,
	rows: PositionRow[],
	changes: ChangeSet
): Promise<void> {
	await bulk(
		tx,
		(r) => `insert into team_position (${POSITION.columns.join(', ')})
		select ${POSITION.fields} from ${r} as x(${POSITION.type})
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
		from ${r} as x(${POSITION.type})
		on conflict (id) do update set lat = excluded.lat, lon = excluded.lon,
			position_ts = excluded.position_ts, heading_deg = excluded.heading_deg,
			speed_mps = excluded.speed_mps,
			battery_pct = coalesce(excluded.battery_pct, team.battery_pct), updated_at = now()
		where team.exercise is not distinct from excluded.exercise
			and (team.position_ts is null or team.position_ts < excluded.position_ts)`,
		newestBy(rows, (r) => r.teamId)
	);
	for (const r of rows) addChange(changes, 'team', r.teamId);
}

/**
 * A device's kept positions join its newly mapped team's track (devices/registry.ts); the team
 * is announced even when there were none.
 */
export async function placeTrack(
	tx: Queryable,
	teamId: string,
	rows: PositionRow[],
	changes: ChangeSet
): Promise<void> {
	await writePositions(tx, rows, changes);
	addChange(changes, 'team', teamId);
}

const STATUS = recordOf(team, [
	'id',
	'statusTs',
	'status',
	'incidentId',
	'personnel',
	'note',
	'exercise'
] as const);

/** One reported status of a team. */
export type StatusRow = RowOf<typeof team, (typeof STATUS.keys)[number]> & { statusTs: Date };

/** Each team takes its newest status, if newer than the one it holds (an unknown team is created). */
export async function writeStatuses(
	tx: Queryable,
	rows: StatusRow[],
	changes: ChangeSet
): Promise<void> {
	await bulk(
		tx,
		(
			r
		) => `insert into team (id, callsign, status, status_ts, incident_id, personnel, note, exercise)
		select id, id, status, "statusTs", "incidentId", personnel, note, exercise
		from ${r} as x(${STATUS.type})
		on conflict (id) do update set status = excluded.status, status_ts = excluded.status_ts,
			incident_id = excluded.incident_id,
			personnel = coalesce(excluded.personnel, team.personnel), note = excluded.note,
			updated_at = now()
		where team.exercise is not distinct from excluded.exercise
			and (team.status_ts is null or team.status_ts < excluded.status_ts)`,
		newestBy(
			rows.map((row) => ({ row, ts: row.statusTs })),
			(x) => x.row.id
		).map((x) => x.row)
	);
	for (const r of rows) addChange(changes, 'team', r.id);
}

/** A battery reading without a fix (Meshtastic telemetry): real teams only (devices are real). */
export async function writeBatteries(
	tx: Queryable,
	rows: { teamId: string; batteryPct: number }[],
	changes: ChangeSet
): Promise<void> {
	await bulk(
		tx,
		(r) => `update team t set battery_pct = x."batteryPct", updated_at = now()
		from ${r} as x("teamId" text, "batteryPct" float8)
		where t.id = x."teamId" and t.exercise is null`,
		sortBy(rows, (r) => r.teamId)
	);
	for (const r of rows) addChange(changes, 'team', r.teamId);
}

const ROSTER = recordOf(team, ['id', 'callsign', 'kind', 'homeBase', 'exercise'] as const);

/** A team as the EOC's roster registers it (teams/roster.ts). */
export type RosterTeam = RowOf<typeof team, 'id' | 'callsign' | 'kind' | 'homeBase'>;

/**
 * Registers a drill's teams as rows of its exercise, never taking over another picture's row.
 * Records no change: the teams reach the walls with their first position or status.
 */
export async function registerDrillTeams(
	tx: Queryable,
	exercise: string,
	teams: ExerciseTeam[]
): Promise<void> {
	await bulk(
		tx,
		(r) => `insert into team (${ROSTER.columns.join(', ')})
		select ${ROSTER.fields} from ${r} as x(${ROSTER.type})
		on conflict (id) do update set callsign = excluded.callsign, kind = excluded.kind,
			home_base = excluded.home_base
		where team.exercise = excluded.exercise`,
		teams.map((t) => ({ ...t, exercise }))
	);
}

/**
 * Adds a real team (no exercise) to the roster. False when the id is taken, by a real team or a
 * drill's: an id names one unit, and the picture guard keeps a drill's row from turning real.
 */
export async function insertTeam(
	tx: Queryable,
	t: RosterTeam,
	changes: ChangeSet
): Promise<boolean> {
	const rows = await tx.query<{ id: string }>(
		`insert into team (id, callsign, kind, home_base) values ($1, $2, $3, $4)
		on conflict (id) do nothing returning id`,
		[t.id, t.callsign, t.kind, t.homeBase]
	);
	if (rows.length === 0) return false;
	addChange(changes, 'team', t.id);
	return true;
}

/** Tasks a team to an incident with the tasking it is sent (the console checked both pictures). */
export async function assignToIncident(
	tx: Queryable,
	teamId: string,
	incidentId: string,
	taskingId: string,
	changes: ChangeSet
): Promise<void> {
	await tx.query(
		'update team set incident_id = $2, tasking_id = $3, updated_at = now() where id = $1',
		[teamId, incidentId, taskingId]
	);
	addChange(changes, 'team', teamId);
}

/** A closed incident releases its teams: their assignment lines leave the wall. */
export async function releaseFromIncident(
	tx: Queryable,
	incidentId: string,
	changes: ChangeSet
): Promise<void> {
	const teams = await tx.query<{ id: string }>(
		'update team set incident_id = null, updated_at = now() where incident_id = $1 returning id',
		[incidentId]
	);
	for (const t of teams) addChange(changes, 'team', t.id);
}

/** The demo seed's teams and their trails (one transaction of the seed, before any wall). */
export async function seedTeams(
	orm: Pick<Database['orm'], 'insert'>,
	teams: (typeof team.$inferInsert)[],
	trails: (typeof teamPosition.$inferInsert)[]
): Promise<void> {
	await orm.insert(team).values(teams);
	await orm.insert(teamPosition).values(trails);
}
