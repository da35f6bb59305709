import type { AlarmView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonList } from '../json';
import { alarmView } from './view';

/** The picture's uncleared alarms, newest first (the snapshot, /api/v1/alarms). */
export const readAlarms = (q: Queryable, scope: Scope = REAL) =>
	jsonList<AlarmView>(
		q,
		`select ${alarmView.sql()} as v from alarm a where a.cleared_at is null
		and ${inScope('a.exercise', 1)} order by a.first_seen desc, a.id`,
		[scope]
	);

/** The picture's uncleared alarms and those cleared within the last `hours` (the console). */
export const readRecentAlarms = (q: Queryable, scope: Scope = REAL, hours = 24) =>
	jsonList<AlarmView>(
		q,
		`select ${alarmView.sql()} as v from alarm a
		where (a.cleared_at is null or a.cleared_at > now() - make_interval(hours => $2::int))
		and ${inScope('a.exercise', 1)}
		order by (a.cleared_at is null) desc, a.first_seen desc, a.id limit 500`,
		[scope, hours]
	);

/** One alarm's row as the acknowledgement checks it, locked for the update. */
export async function lockAlarm(
	q: Queryable,
	id: string
): Promise<{ id: string; acknowledgedAt: string | null; exercise: string | null } | null> {
	const rows = await q.query<{
		id: string;
		acknowledgedAt: string | null;
		exercise: string | null;
	}>(
		`select id, acknowledged_at::text as "acknowledgedAt", exercise from alarm where id = $1 for update`,
		[id]
	);
	return rows[0] ?? null;
}

/** An uncleared alarm as the engine holds it. */
export interface ActiveAlarm {
	id: string;
	ruleId: string;
	subjectKind: string;
	subjectId: string;
	exercise: string | null;
	detail: Record<string, unknown>;
}

/**
 * The uncleared alarms of every picture (the engine's state for a pass): all of them, or only
 * those of the given subject ids (any kind) when `subjectIds` is given.
 */
export const readActiveAlarms = (q: Queryable, subjectIds: string[] | null = null) =>
	q.query<ActiveAlarm>(
		`select id, rule_id as "ruleId", subject_kind as "subjectKind", subject_id as "subjectId",
			exercise, detail from alarm where cleared_at is null
			and ($1::text[] is null or subject_id = any($1::text[]))`,
		[subjectIds]
	);

/** One alarm of a drill, for its after-action report: how long until someone acknowledged it. */
export interface ExerciseAlarm {
	id: string;
	ruleName: string;
	ruleKind: string;
	level: string;
	subjectKind: string;
	subjectId: string;
	subjectName: string | null;
	firstSeen: string;
	acknowledgedAt: string | null;
	acknowledgedBy: string | null;
	clearedAt: string | null;
	/** Seconds from first seen to acknowledged; null when never acknowledged. */
	secondsToAck: number | null;
}

/** Every alarm of one drill, oldest first (the after-action report's "time to acknowledge"). */
export async function alarmsOfExercise(q: Queryable, exerciseId: string): Promise<ExerciseAlarm[]> {
	const views = await jsonList<AlarmView>(
		q,
		`select ${alarmView.sql()} as v from alarm a where a.exercise = $1
		order by a.first_seen, a.id`,
		[exerciseId]
	);
	return views.map((a) => ({
		id: a.id,
		ruleName: a.ruleName,
		ruleKind: a.ruleKind,
		level: a.level,
		subjectKind: a.subjectKind,
		subjectId: a.subjectId,
		subjectName: a.subjectName,
		firstSeen: a.firstSeen,
		acknowledgedAt: a.acknowledgedAt,
		acknowledgedBy: a.acknowledgedBy,
		clearedAt: a.clearedAt,
		secondsToAck: a.acknowledgedAt
			? Math.round((Date.parse(a.acknowledgedAt) - Date.parse(a.firstSeen)) / 1000)
			: null
	}));
}
