/**
 * The writes of an inbound message, inside the handler's one transaction: the message row (once
 * per channel and channel id), its references, and the acknowledgement in the outbox.
 */
import type { Queryable } from '../../db/types';
import type { ChannelName } from '../channel';

/** The next number senders are told (R-1042, T-1043): one sequence, so no two are alike. */
export async function nextNumber(tx: Queryable): Promise<string> {
	const [r] = await tx.query<{ n: string }>(`select nextval('messaging_reference_seq')::text as n`);
	return r.n;
}

export interface InboundRow {
	channel: ChannelName;
	externalId: string;
	address: string;
	masked: string;
	text: string;
	receivedAt: Date;
	contactId: string | null;
	teamId: string | null;
	reference: string;
	kind: 'report' | 'free_text' | 'tasking_answer';
	incidentId: string | null;
	lang: string;
	located: string | null;
}

/** The message's row id; null when the channel delivered it before (the first one holds). */
export async function insertInbound(tx: Queryable, r: InboundRow): Promise<number | null> {
	const rows = await tx.query<{ id: number }>(
		`insert into inbound_message (channel, external_id, address, masked, text, received_at,
			contact_id, team_id, public, reference, kind, incident_id, lang, located)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $7::text is null and $8::text is null, $9, $10, $11,
			$12, $13)
		on conflict (channel, external_id) do nothing returning id`,
		[
			r.channel,
			r.externalId,
			r.address,
			r.masked,
			r.text,
			r.receivedAt,
			r.contactId,
			r.teamId,
			r.reference,
			r.kind,
			r.incidentId,
			r.lang,
			r.located
		]
	);
	return rows.length ? Number(rows[0].id) : null;
}
