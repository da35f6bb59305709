/**
 * The team's reads: its view for one picture (the snapshot, the REST read, the exports, the
 * console and the sitrep) and the trails of its positions, plus the rows the console and the
 * device registry check before they write.
 */
import { TRAIL_MAX_POINTS, TRAIL_WINDOW_MS, type TeamView, type TrailPoint } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonGrouped, jsonList } from '../json';
import { teamView } from './view';

/** The teams of one picture (the real one unless asked), by callsign. */
export const readTeams = (q: Queryable, scope: Scope = REAL) =>
	jsonList<TeamView>(
		q,
		`select ${teamView.sql()} as v from team t where ${inScope('t.exercise', 1)} order by t.callsign`,
		[scope]
	);

/** The last 30 minutes of every team's positions, at most TRAIL_MAX_POINTS each. */
export const readTrails = (q: Queryable, scope: Scope = REAL) =>
	jsonGrouped<TrailPoint>(
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
	);

/** The team's picture: undefined when there is no such team. */
export async function teamPicture(
	q: Queryable,
	teamId: string
): Promise<string | null | undefined> {
	const [row] = await q.query<{ exercise: string | null }>(
		`select exercise from team where id = $1`,
		[teamId]
	);
	return row ? row.exercise : undefined;
}

/** Locks a team for an assignment: its current incident and picture, undefined when unknown. */
export async function lockTeam(
	tx: Queryable,
	teamId: string
): Promise<{ id: string; incident_id: string | null; exercise: string | null } | undefined> {
	const [t] = await tx.query<{ id: string; incident_id: string | null; exercise: string | null }>(
		'select id, incident_id, exercise from team where id = $1 for update',
		[teamId]
	);
	return t;
}
