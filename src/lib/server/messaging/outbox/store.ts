/**
 * The outbox's SQL for the sender: claim due rows, write what the channel said, release what was
 * claimed and not handed over. Every write is guarded by the lease (`lease_owner` and status
 * `sending`), so an instance whose lease was taken over (it stalled past `lease_until`) cannot
 * overwrite what another instance decided.
 */
import type { Database, Queryable } from '../../db/types';
import type { ChannelName } from '../channel';

export interface Claimed {
	id: number;
	key: string;
	sourceKind: string;
	sourceId: string;
	address: string;
	subject: string | null;
	body: string;
	/** Including the attempt being made now. */
	attempts: number;
	createdAt: Date;
}

/** What one attempt came to, as written back. */
export type Outcome =
	| { id: number; status: 'sent'; externalId: string | null }
	| { id: number; status: 'queued'; delayMs: number; error: string }
	| { id: number; status: 'failed'; error: string };

/**
 * Claims up to `limit` due rows of one channel and marks them `sending` under this instance's
 * lease, in its own transaction, committed before anything is handed to the channel: a crash
 * after this leaves rows whose lease runs out (in doubt, recovery.ts), never rows two instances
 * both think are theirs. SKIP LOCKED lets several instances claim side by side.
 */
export async function claimDue(
	db: Database,
	channel: ChannelName,
	owner: string,
	leaseMs: number,
	limit: number
): Promise<Claimed[]> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string | number }>(
			`select id from outbox where status = 'queued' and next_attempt_at <= now() and channel = $1
			order by id limit $2 for update skip locked`,
			[channel, limit]
		);
		if (rows.length === 0) return [];
		const claimed = await tx.query<Claimed & { id: string | number; createdAt: Date | string }>(
			`update outbox set status = 'sending', lease_owner = $2,
				lease_until = now() + ($3::int * interval '1 millisecond'), attempts = attempts + 1,
				handed_at = null, updated_at = now()
			where id = any($1::bigint[])
			returning id, key, source_kind as "sourceKind", source_id as "sourceId", address, subject,
				body, attempts, created_at as "createdAt"`,
			[rows.map((r) => Number(r.id)), owner, leaseMs]
		);
		return claimed
			.map((r) => ({ ...r, id: Number(r.id), createdAt: new Date(r.createdAt) }))
			.sort((a, b) => a.id - b.id);
	});
}

/**
 * Writes a batch's outcomes in one statement (a change per batch, not per row). Returns the ids
 * written: one missing means this instance had lost its lease (logged by the caller).
 */
export async function writeOutcomes(
	q: Queryable,
	owner: string,
	outcomes: readonly Outcome[]
): Promise<number[]> {
	if (outcomes.length === 0) return [];
	const rows = await q.query<{ id: string | number }>(
		`update outbox o set status = r.status,
			external_id = case when r.status = 'sent' then r."externalId" else o.external_id end,
			sent_at = case when r.status = 'sent' then now() else o.sent_at end,
			next_attempt_at = case when r.status = 'queued'
				then now() + (r."delayMs" * interval '1 millisecond') else o.next_attempt_at end,
			last_error = case when r.status = 'sent' then null else r.error end,
			lease_owner = null, lease_until = null, updated_at = now()
		from jsonb_to_recordset(($2::text)::jsonb)
			as r(id bigint, status text, "externalId" text, "delayMs" int, error text)
		where o.id = r.id and o.lease_owner = $1 and o.status = 'sending'
		returning o.id`,
		[owner, JSON.stringify(outcomes)]
	);
	return rows.map((r) => Number(r.id));
}

/**
 * Marks one claimed row as being handed to the channel now, committed before the hand-over: if
 * the instance dies after this, the row is in doubt (recovery.ts); before it, it was never sent.
 * False when this instance no longer holds the row (its lease was taken over): do not send it.
 */
export async function markHanded(q: Queryable, owner: string, id: number): Promise<boolean> {
	const rows = await q.query(
		`update outbox set handed_at = now() where id = $1 and lease_owner = $2 and status = 'sending'
		returning id`,
		[id, owner]
	);
	return rows.length === 1;
}

/**
 * Gives back rows claimed and never handed to the channel (the sender stopping): queued again,
 * the attempt not counted, due at once.
 */
export async function release(q: Queryable, owner: string, ids: readonly number[]): Promise<void> {
	if (ids.length === 0) return;
	await q.query(
		`update outbox set status = 'queued', attempts = greatest(attempts - 1, 0), lease_owner = null,
			lease_until = null, updated_at = now()
		where id = any($1::bigint[]) and lease_owner = $2 and status = 'sending'`,
		[[...ids], owner]
	);
}

/** Counts by channel and status, for the gauges. */
export async function countByStatus(
	q: Queryable
): Promise<{ channel: string; status: string; n: number }[]> {
	const rows = await q.query<{ channel: string; status: string; n: string | number }>(
		`select channel, status, count(*) as n from outbox group by channel, status`
	);
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Extends this instance's claim on rows still being worked (a slow channel's long batch). */
export async function renewLease(
	q: Queryable,
	owner: string,
	leaseMs: number,
	ids: readonly number[]
): Promise<void> {
	if (ids.length === 0) return;
	await q.query(
		`update outbox set lease_until = now() + ($3::int * interval '1 millisecond')
		where id = any($1::bigint[]) and lease_owner = $2 and status = 'sending'`,
		[[...ids], owner, leaseMs]
	);
}
