import { desc, lt } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { auditLog, type AuditLog } from '../db/schema';
import type { Principal } from './roles';

/** How the audit log names whoever acted: a person by email, a token by kind and name. */
export function actorOf(p: Principal | null): string {
	if (!p) return 'anonymous';
	return p.kind === 'user' ? p.email : `${p.kind}-token:${p.name}`;
}

/**
 * Appends one entry. Takes the database or a transaction: a change and its entry then commit
 * together, or neither does. The app never deletes audit rows, and updates one kind only: the
 * count of a refused-sign-in row while its 15-minute window is open (auditRefusedSignIn).
 */
export async function audit(
	q: Queryable,
	entry: {
		actor: string;
		action: string;
		target?: string | null;
		detail?: Record<string, unknown>;
		address?: string | null;
	}
): Promise<void> {
	await q.query(
		`insert into audit_log (actor, action, target, detail, address)
		values ($1, $2, $3, ($4::text)::jsonb, $5)`,
		[
			entry.actor,
			entry.action,
			entry.target ?? null,
			entry.detail ? JSON.stringify(entry.detail) : null,
			entry.address ?? null
		]
	);
}

/** How long one refused-sign-in row keeps counting (the throttle forgets after an hour). */
export const REFUSED_WINDOW_S = 15 * 60;

/**
 * A refused sign-in, aggregated: one row per account (as typed) and address per 15-minute window,
 * counting the refusals and their reasons (`{count, reasons: {"wrong password": 3}, last}`), so a
 * guessing run cannot flood the log. The lock makes two instances count into the same row.
 */
export async function auditRefusedSignIn(
	db: Database,
	e: { email: string; address: string; reason: string }
): Promise<void> {
	const actor = e.email || 'anonymous';
	await db.transaction(async (tx) => {
		await tx.query(
			`select pg_advisory_xact_lock(hashtext('sign-in-refused:' || $1::text || '@' || $2::text))`,
			[actor, e.address]
		);
		const counted = await tx.query(
			`update audit_log set detail = jsonb_set(jsonb_set(jsonb_set(detail,
					'{count}', to_jsonb((detail->>'count')::int + 1)),
					array['reasons', $3::text], to_jsonb(coalesce((detail->'reasons'->>$3)::int, 0) + 1)),
					'{last}', to_jsonb(now()))
			where id = (select id from audit_log
				where action = 'sign-in-failed' and actor = $1 and address = $2
					and ts > now() - make_interval(secs => $4::int) and detail ? 'count'
				order by id desc limit 1)
			returning id`,
			[actor, e.address, e.reason, REFUSED_WINDOW_S]
		);
		if (counted.length === 0)
			await audit(tx, {
				actor,
				action: 'sign-in-failed',
				detail: { count: 1, reasons: { [e.reason]: 1 }, last: new Date().toISOString() },
				address: e.address
			});
	});
}

/** A page of the log, newest first; `before` is the id to continue from. */
export async function readAudit(db: Database, limit: number, before?: number): Promise<AuditLog[]> {
	const q = db.orm.select().from(auditLog);
	return (before ? q.where(lt(auditLog.id, before)) : q).orderBy(desc(auditLog.id)).limit(limit);
}
