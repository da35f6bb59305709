import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/types';
import { addChange, type ChangeSet } from '../../live/changes';

/**
 * Every write to `alarm`: raise (or keep: last_seen and detail move), clear, acknowledge. The
 * unique partial index alarm_active_idx (rule, subject, picture, not cleared) makes a raise
 * idempotent: two instances evaluating the same commit raise one alarm. Each write names the
 * alarms it touched in the caller's ChangeSet, so walls and consoles get them.
 */

export interface Firing {
	ruleId: string;
	subjectKind: 'sensor' | 'team' | 'incident' | 'hazard' | 'stock';
	subjectId: string;
	level: 'warning' | 'danger';
	detail: Record<string, unknown>;
	exercise: string | null;
}

const newId = () => `alarm-${randomBytes(8).toString('hex')}`;

/**
 * Raises each firing, or keeps the uncleared alarm of its rule, subject and picture (last_seen
 * moves; detail is replaced) and records a change for each. The engine passes only new firings
 * and those whose detail changed.
 * Returns the ids of the alarms raised now.
 */
export async function raiseAlarms(
	q: Queryable,
	firings: readonly Firing[],
	at: Date,
	changes: ChangeSet
): Promise<string[]> {
	if (firings.length === 0) return [];
	const rows = await q.query<{ id: string; raised: boolean }>(
		`with f as (
			select * from jsonb_to_recordset(($1::text)::jsonb) as x(id text, rule_id text,
				subject_kind text, subject_id text, level text, detail jsonb, exercise text)
		)
		insert into alarm as a (id, rule_id, subject_kind, subject_id, level, detail, first_seen,
			last_seen, exercise)
		select id, rule_id, subject_kind, subject_id, level, detail, $2::timestamptz, $2::timestamptz,
			exercise from f
		on conflict (rule_id, subject_kind, subject_id, coalesce(exercise, ''))
			where cleared_at is null
		do update set last_seen = greatest(a.last_seen, excluded.last_seen), detail = excluded.detail
		returning a.id, (a.xmax = 0) as raised`,
		[
			JSON.stringify(
				firings.map((f) => ({
					id: newId(),
					rule_id: f.ruleId,
					subject_kind: f.subjectKind,
					subject_id: f.subjectId,
					level: f.level,
					detail: f.detail,
					exercise: f.exercise
				}))
			),
			at.toISOString()
		]
	);
	for (const r of rows) addChange(changes, 'alarm', r.id);
	return rows.filter((r) => r.raised).map((r) => r.id);
}

/** Clears the given uncleared alarms; returns those it cleared. */
export async function clearAlarms(
	q: Queryable,
	ids: readonly string[],
	at: Date,
	changes: ChangeSet
): Promise<string[]> {
	if (ids.length === 0) return [];
	const rows = await q.query<{ id: string }>(
		`update alarm set cleared_at = $2::timestamptz where id = any($1::text[]) and cleared_at is null
		returning id`,
		[ids, at.toISOString()]
	);
	for (const r of rows) addChange(changes, 'alarm', r.id);
	return rows.map((r) => r.id);
}

/** Acknowledges one alarm not yet acknowledged; false when it is missing or already acknowledged. */
export async function acknowledge(
	q: Queryable,
	ack: { id: string; by: string; comment: string | null; at: Date },
	changes: ChangeSet
): Promise<boolean> {
	const rows = await q.query<{ id: string }>(
		`update alarm set acknowledged_at = $2::timestamptz, acknowledged_by = $3, ack_comment = $4
		where id = $1 and acknowledged_at is null returning id`,
		[ack.id, ack.at.toISOString(), ack.by, ack.comment]
	);
	if (rows.length === 0) return false;
	addChange(changes, 'alarm', ack.id);
	return true;
}
