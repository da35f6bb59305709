/**
 * Writing outgoing messages: one outbox row per message, recipient and channel, in the caller's
 * transaction (the decision and its messages commit together or not at all). The idempotency
 * key makes a second write of the same message a no-op.
 */
import type { Queryable } from '../../db/types';
import type { ChannelName } from '../channel';

export type SourceKind = 'warning' | 'ack' | 'reply' | 'tasking';

export interface OutboxItem {
	/** Unique per message, recipient and channel, e.g. `warning:w-1a2b:c-17:sms_gateway`. */
	key: string;
	sourceKind: SourceKind;
	sourceId: string;
	contactId?: string | null;
	channel: ChannelName;
	address: string;
	lang: string;
	subject?: string | null;
	body: string;
	exercise?: string | null;
	createdBy?: string | null;
	/**
	 * Written as failed at once with this reason (no configured channel reaches the address): the
	 * console counts it in the warning's reach instead of losing it.
	 */
	failed?: string;
}

const CHUNK = 500;

/** Inserts the rows that are not there yet; returns how many were new. */
export async function enqueue(tx: Queryable, items: readonly OutboxItem[]): Promise<number> {
	let added = 0;
	for (let i = 0; i < items.length; i += CHUNK) {
		const chunk = items.slice(i, i + CHUNK);
		const rows = await tx.query(
			`insert into outbox (key, source_kind, source_id, contact_id, channel, address, lang,
				subject, body, exercise, created_by, status, last_error)
			select * from jsonb_to_recordset(($1::text)::jsonb) as r(key text, "sourceKind" text,
				"sourceId" text, "contactId" text, channel text, address text, lang text,
				subject text, body text, exercise text, "createdBy" text, status text, "lastError" text)
			on conflict (key) do nothing
			returning id`,
			[
				JSON.stringify(
					chunk.map((m) => ({
						...m,
						contactId: m.contactId ?? null,
						subject: m.subject ?? null,
						exercise: m.exercise ?? null,
						createdBy: m.createdBy ?? null,
						status: m.failed ? 'failed' : 'queued',
						lastError: m.failed ?? null
					}))
				)
			]
		);
		added += rows.length;
	}
	return added;
}
