import { audit } from '../auth/audit';
import type { Database } from '../db/types';
import type { Scope } from '../exercises/scope';
import { lockAlarm } from '../entities/alarm/read';
import { acknowledge } from '../entities/alarm/write';
import { recordChanges, type ChangeSet } from '../live/changes';

/** The longest acknowledgement comment kept. */
export const ACK_COMMENT_MAX = 500;

export type AckResult =
	{ ok: true } | { ok: false; problem: 'not_found' | 'already_acknowledged' | 'comment_too_long' };

/**
 * Someone saw an alarm: acknowledged with an optional comment, in one transaction with its change
 * record (walls and consoles get the update) and its audit row. `actorId` is the audit log's actor
 * (actorOf(principal)); the alarm view shows the person's name when it is one of the accounts.
 */
export async function acknowledgeAlarm(
	db: Database,
	a: {
		id: string;
		actorId: string;
		comment?: string | null;
		address?: string | null;
		/** The picture the asking screen shows: an alarm of another picture is not found there.
		 *  Undefined (the API, which names the alarm by its id): any picture. */
		scope?: Scope;
	}
): Promise<AckResult> {
	const comment = a.comment?.trim() || null;
	if (comment && comment.length > ACK_COMMENT_MAX)
		return { ok: false, problem: 'comment_too_long' };
	return db.transaction(async (tx): Promise<AckResult> => {
		const row = await lockAlarm(tx, a.id);
		if (!row || (a.scope !== undefined && row.exercise !== a.scope))
			return { ok: false, problem: 'not_found' };
		if (row.acknowledgedAt) return { ok: false, problem: 'already_acknowledged' };
		const changes: ChangeSet = new Map();
		await acknowledge(tx, { id: a.id, by: a.actorId, comment, at: new Date() }, changes);
		await recordChanges(tx, changes);
		await audit(tx, {
			actor: a.actorId,
			action: 'alarm-acknowledge',
			target: a.id,
			detail: { comment, exercise: row.exercise },
			address: a.address ?? null
		});
		return { ok: true };
	});
}
