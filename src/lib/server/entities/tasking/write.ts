/**
 * The tasking table: every tasking the EOC sends a team (written with the assignment, in its
 * transaction) and the team's answer to it from `eoc/v1/teams/{teamId}/tasking/ack`
 * (docs/ingest.md "Tasking acknowledgements").
 */
import type { TaskingAnswer } from '$lib/contracts';
import { audit } from '../../auth/audit';
import type { Queryable } from '../../db/types';
import { newestBy } from '../../ingest/handlers/types';
import { addChange, type ChangeSet } from '../../live/changes';

export interface NewTasking {
	id: string;
	teamId: string;
	incidentId: string;
	exercise: string | null;
	sentAt: Date;
}

/** Records a tasking as sent (the console's assignment transaction). */
export async function recordTasking(tx: Queryable, t: NewTasking): Promise<void> {
	await tx.query(
		`insert into tasking (id, team_id, incident_id, exercise, sent_at) values ($1, $2, $3, $4, $5)`,
		[t.id, t.teamId, t.incidentId, t.exercise, t.sentAt]
	);
}

export interface TaskingAck {
	teamId: string;
	taskingId: string;
	answer: TaskingAnswer;
	reason: string | null;
	note: string | null;
	ts: Date;
	msgId: string;
}

/** The audit action of an answer. */
export const ACK_ACTIONS = {
	accepted: 'tasking-accepted',
	declined: 'tasking-declined'
} as const satisfies Record<TaskingAnswer, string>;

/**
 * Writes the teams' answers (the ingest guard, ingest/tasking-guard.ts, let through only answers
 * to each team's current tasking). The newest answer per tasking holds: an older one (by its own
 * ts) changes nothing. Each answer that holds writes an audit entry (actor: the team) and names
 * the team in the change set, so every console shows it.
 */
export async function writeAcks(
	tx: Queryable,
	acks: TaskingAck[],
	changes: ChangeSet
): Promise<void> {
	for (const a of newestBy(acks, (x) => x.taskingId)) {
		const rows = await tx.query<{ incident_id: string }>(
			`update tasking set answer = $3, reason = $4, note = $5, answered_at = $6, ack_msg_id = $7
			where id = $1 and team_id = $2 and (answered_at is null or answered_at < $6)
			returning incident_id`,
			[a.taskingId, a.teamId, a.answer, a.reason, a.note, a.ts, a.msgId]
		);
		if (rows.length === 0) continue;
		await audit(tx, {
			actor: `team:${a.teamId}`,
			action: ACK_ACTIONS[a.answer],
			target: `${a.teamId} → ${rows[0].incident_id}`,
			detail: {
				taskingId: a.taskingId,
				...(a.reason ? { reason: a.reason } : {}),
				...(a.note ? { note: a.note } : {})
			}
		});
		addChange(changes, 'team', a.teamId);
	}
}
