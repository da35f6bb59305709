/**
 * An operator's reply to the sender of an SMS or Telegram report: queued in the outbox to the
 * address the report came from, on its channel, in one transaction with the incident's history
 * entry and the audit entry (the console action's `also`). The same reply sent twice (a second
 * click) is one message: its key is made of the report, the operator and the text.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/types';
import { addIncidentEvent, lockIncident } from '../../entities/incident/write';
import { ConsoleError } from '../../console/error';
import type { Scope } from '../../exercises/scope';
import { recordChanges, type ChangeSet } from '../../live/changes';
import type { Queryable } from '../../db/types';
import type { ChannelName } from '../channel';
import { enqueue } from '../outbox/enqueue';

export const MAX_REPLY = 1000;

export async function replyToSender(
	db: Database,
	incidentId: string,
	text: string,
	actor: string,
	picture: Scope,
	also?: (tx: Queryable) => Promise<void>
): Promise<{ queued: boolean }> {
	return db.transaction(async (tx) => {
		const changes: ChangeSet = new Map();
		await lockIncident(tx, incidentId, picture);
		const [msg] = await tx.query<{
			id: number;
			channel: ChannelName;
			address: string;
			contactId: string | null;
			lang: string | null;
		}>(
			`select id, channel, address, contact_id as "contactId", lang
			from inbound_message where incident_id = $1 order by id limit 1`,
			[incidentId]
		);
		if (!msg) throw new ConsoleError(409, 'inbound_not_inbound');
		const digest = createHash('sha256').update(`${actor}\n${text}`).digest('hex').slice(0, 16);
		const added = await enqueue(tx, [
			{
				key: `reply:${msg.id}:${digest}`,
				sourceKind: 'reply',
				sourceId: String(msg.id),
				contactId: msg.contactId,
				channel: msg.channel,
				address: msg.address,
				lang: msg.lang ?? 'tg',
				body: text,
				createdBy: actor
			}
		]);
		if (added > 0)
			await addIncidentEvent(tx, changes, incidentId, 'inbound-reply', actor, { message: text });
		await also?.(tx);
		await recordChanges(tx, changes);
		return { queued: added > 0 };
	});
}
