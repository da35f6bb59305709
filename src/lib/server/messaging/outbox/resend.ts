/**
 * An operator's "resend the failed ones": the failed rows of one source (a warning) go back to
 * queued, due now, with their attempts counted from zero (the sender's retries and backoff start
 * over), and the step is audited with how many it requeued, in one transaction. Rows marked
 * `unknown` are left alone: the channel may have delivered them, and only an operator who
 * checked may send them again. The caller wakes the sender after the commit.
 */
import { audit } from '../../auth/audit';
import type { Database } from '../../db/types';
import type { SourceKind } from './enqueue';

export async function resendFailed(
	db: Database,
	source: { kind: SourceKind; id: string },
	actor: { audit: string; address: string | null },
	now = new Date()
): Promise<number> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ channel: string }>(
			`update outbox set status = 'queued', next_attempt_at = $3, attempts = 0,
				lease_owner = null, lease_until = null, updated_at = $3
			where source_kind = $1 and source_id = $2 and status = 'failed'
			returning channel`,
			[source.kind, source.id, now]
		);
		const byChannel: Record<string, number> = {};
		for (const r of rows) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
		await audit(tx, {
			actor: actor.audit,
			action: 'outbox.resend',
			target: source.id,
			detail: { kind: source.kind, requeued: rows.length, byChannel },
			address: actor.address
		});
		return rows.length;
	});
}
