/**
 * Messages in doubt, and delivery reports.
 *
 * A row is in doubt when it is `sending`, was handed to the channel (`handed_at`, committed just
 * before the hand-over) and its lease ran out: the instance that claimed it died (kill -9, power)
 * between handing it to the channel and writing what the channel said. A claimed row never
 * handed over is simply queued again. The
 * message may or may not have gone out. Sending it again could warn a village head twice (two
 * identical warnings read as two events); not sending could leave them unwarned. So:
 * - a channel whose protocol can be asked (`lookup(key)`, the SMS gateway by the message's id)
 *   is asked: `sent` -> sent, `not_sent` -> queued (sent again, which is then the first time);
 * - a channel whose second send of a key is the same message to the recipient (email: the
 *   Message-ID comes from the key) -> queued, sent again;
 * - any other channel (SMPP and Telegram cannot be asked whether they took a message) ->
 *   `unknown`, with the reason, and never sent again automatically: an operator sees it in the
 *   console and decides (actions.ts resendUnknown).
 * Exactly once where the protocol allows it; never a silent duplicate where it does not.
 */
import type { Database } from '../../db/types';
import type { Logger } from '../../ops/log';
import type { Channel, ChannelName, DeliveryReport } from '../channel';

export const UNKNOWN_REASON =
	'the app stopped while the channel had it; it may or may not have gone out';

const PAGE = 100;

export interface Recovered {
	sent: number;
	queued: number;
	unknown: number;
	/** The sources whose rows changed (for the change log). */
	sources: Set<string>;
}

/**
 * Resolves the in-doubt rows of the configured channels. The rows are first taken under this
 * instance's own lease (committed), so two instances recovering at once do not both ask, and a
 * crash while asking leaves them in doubt again rather than half-decided.
 */
export async function recoverInDoubt(
	db: Database,
	channels: ReadonlyMap<ChannelName, Channel>,
	owner: string,
	leaseMs: number,
	log: Logger,
	/** A LIKE pattern of owners known dead (an earlier run of this instance): taken at once. */
	takeOver?: string
): Promise<Recovered> {
	const out: Recovered = { sent: 0, queued: 0, unknown: 0, sources: new Set() };
	for (;;) {
		const rows = await db.transaction(async (tx) => {
			const due = await tx.query<{ id: string | number }>(
				`select id from outbox where status = 'sending' and (lease_until < now()
					or ($2::text is not null and lease_owner like $2 and lease_owner <> $3))
				order by id limit $1 for update skip locked`,
				[PAGE, takeOver ?? null, owner]
			);
			if (due.length === 0) return [];
			return tx.query<{
				id: string | number;
				key: string;
				channel: ChannelName;
				source: string;
				handed: boolean;
			}>(
				`update outbox set lease_owner = $2,
					lease_until = now() + ($3::int * interval '1 millisecond'), updated_at = now()
				where id = any($1::bigint[])
				returning id, key, channel, source_kind || ':' || source_id as source,
					handed_at is not null as handed`,
				[due.map((r) => Number(r.id)), owner, leaseMs]
			);
		});
		if (rows.length === 0) return out;
		const decided: {
			id: number;
			status: 'sent' | 'queued' | 'unknown';
			error: string | null;
			handed: boolean;
		}[] = [];
		for (const r of rows) {
			const ch = channels.get(r.channel);
			// Claimed but never handed over (the instance died before marking it): not in doubt.
			// A channel whose resend is the same message (email's Message-ID) sends it again.
			let answer: 'sent' | 'not_sent' | 'unknown' =
				r.handed && !ch?.resendIsSame ? 'unknown' : 'not_sent';
			if (r.handed && ch?.lookup) {
				try {
					answer = await ch.lookup(r.key);
				} catch (err) {
					// Asking failed (the gateway is down): it stays in doubt.
					log.warn({ key: r.key, err: String(err) }, 'outbox: lookup failed');
					continue;
				}
			}
			const status = answer === 'sent' ? 'sent' : answer === 'not_sent' ? 'queued' : 'unknown';
			decided.push({
				id: Number(r.id),
				status,
				error: status === 'unknown' ? UNKNOWN_REASON : null,
				handed: r.handed
			});
			out[status]++;
			out.sources.add(r.source);
		}
		if (decided.length > 0)
			await db.query(
				`update outbox o set status = r.status, lease_owner = null, lease_until = null,
					sent_at = case when r.status = 'sent' then now() else o.sent_at end,
					next_attempt_at = case when r.status = 'queued' then now() else o.next_attempt_at end,
					last_error = r.error, updated_at = now(),
					-- a claim never handed over was no attempt
					attempts = case when r.handed then o.attempts else greatest(o.attempts - 1, 0) end
				from jsonb_to_recordset(($2::text)::jsonb)
					as r(id bigint, status text, error text, handed boolean)
				where o.id = r.id and o.lease_owner = $1 and o.status = 'sending'`,
				[owner, JSON.stringify(decided)]
			);
		// Those whose lookup failed keep this instance's lease: asked again once it runs out.
		if (rows.length < PAGE) return out;
	}
}

/**
 * A delivery report: the row (by channel and the channel's id) becomes `delivered`, or `failed`
 * with the reason. Returns the row's source (`kind:id`), or null when no sent row has that id
 * (a report for a message of another system, or one already reported).
 */
export async function recordDelivery(db: Database, r: DeliveryReport): Promise<string | null> {
	const rows = await db.query<{ source: string }>(
		`update outbox set status = $3, delivered_at = case when $3 = 'delivered' then $4::timestamptz
				else delivered_at end,
			last_error = case when $3 = 'failed' then $5 else last_error end, updated_at = now()
		where channel = $1 and external_id = $2 and status in ('sent', 'unknown')
		returning source_kind || ':' || source_id as source`,
		[
			r.channel,
			r.externalId,
			r.delivered ? 'delivered' : 'failed',
			r.at.toISOString(),
			r.reason ?? 'not delivered (the channel reported it)'
		]
	);
	return rows[0]?.source ?? null;
}
