/**
 * CAP alerts that do not come over MQTT (an operator's upload, the EOC's own) take the same path
 * as those that do: the same validator, and the ingest's own batch writer in one transaction —
 * dedup, Update/Cancel, change log and NOTIFY included. Only a rejection differs: the operator is
 * told at once, and nothing is dead-lettered (no message was lost).
 */
import { CAP_TOPIC, parseCapMessage, type CapAlertMessage } from '$lib/contracts';
import type { Database } from '../db/types';
import { audit } from '../auth/audit';
import { writeBatch } from '../ingest/batch';

export type StoreOutcome =
	| { ok: true; outcome: 'stored' | 'duplicate'; identifier: string; id: string }
	| { ok: false; reason: string; detail: string };

export async function storeCap(
	db: Database,
	payload: Uint8Array,
	who: { origin: 'upload' | 'eoc'; actor: string; address?: string | null },
	now = new Date()
): Promise<StoreOutcome> {
	const parsed = parseCapMessage(CAP_TOPIC, payload, now);
	if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
	const message = { ...parsed.message, origin: who.origin, actor: who.actor } as CapAlertMessage;
	const alert = message.body;
	const id = `${alert.sender},${alert.identifier},${alert.sent}`;
	const result = await db.transaction(async (tx) => {
		const r = await writeBatch(tx, [
			{
				topic: CAP_TOPIC,
				payload: Buffer.from(payload),
				receivedAt: now,
				parsed: { ok: true, message }
			}
		]);
		const outcome = r.outcomes[0];
		if (outcome.outcome === 'stored')
			await audit(tx, {
				actor: who.actor,
				action: who.origin === 'eoc' ? 'alert.issue' : 'alert.upload',
				target: id,
				detail: { msgType: alert.msgType, status: alert.status },
				address: who.address ?? null
			});
		return outcome;
	});
	if (result.outcome === 'stored' || result.outcome === 'duplicate')
		return { ok: true, outcome: result.outcome, identifier: alert.identifier, id };
	return {
		ok: false,
		reason: result.reason ?? result.outcome,
		detail:
			result.reason === 'msgid_reused'
				? `${alert.sender} already sent a different alert ${alert.identifier} at ${alert.sent}`
				: (result.detail ?? 'the database refused the alert')
	};
}
