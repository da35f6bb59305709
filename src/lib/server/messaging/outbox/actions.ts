/**
 * What an operator does with messages that did not go out: send the failed ones again, or
 * decide that the ones in doubt (`unknown`: the app stopped while the channel had them) should go
 * again, accepting that a recipient may get a message twice. Each is requeued (due now, attempts
 * from zero, same idempotency key) and audited in the same transaction. The caller checks the
 * session and role, and pokes the sender after (Messaging.poke()).
 */
import type { Database } from '../../db/types';
import { audit } from '../../auth/audit';

/** Rows by id, or every such row of one source (a warning, a reply, a tasking). */
export type ResendTarget = { ids: readonly number[] } | { sourceId: string };

async function requeue(
	db: Database,
	status: 'failed' | 'unknown',
	target: ResendTarget,
	actor: string
): Promise<number[]> {
	return db.transaction(async (tx) => {
		const byIds = 'ids' in target;
		const rows = await tx.query<{ id: string | number }>(
			`update outbox set status = 'queued', attempts = 0, next_attempt_at = now(),
				last_error = null, lease_owner = null, lease_until = null, updated_at = now()
			where status = $1 and ${byIds ? 'id = any($2::bigint[])' : 'source_id = $2'}
			returning id`,
			[status, byIds ? target.ids.map(Number) : target.sourceId]
		);
		const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
		if (ids.length > 0)
			await audit(tx, {
				actor,
				action: status === 'failed' ? 'outbox.resend_failed' : 'outbox.resend_unknown',
				target: byIds ? null : target.sourceId,
				detail: { count: ids.length, ids: ids.slice(0, 1000) }
			});
		return ids;
	});
}

/** Requeues failed messages; returns the ids requeued (none: nothing audited). */
export function resendFailed(db: Database, target: ResendTarget, actor: string) {
	return requeue(db, 'failed', target, actor);
}

/** Requeues messages in doubt, on an operator's decision; returns the ids requeued. */
export function resendUnknown(db: Database, target: ResendTarget, actor: string) {
	return requeue(db, 'unknown', target, actor);
}
