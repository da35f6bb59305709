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
 * together, or neither does. The audit log is never updated or deleted by the app.
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

/** A page of the log, newest first; `before` is the id to continue from. */
export async function readAudit(db: Database, limit: number, before?: number): Promise<AuditLog[]> {
	const q = db.orm.select().from(auditLog);
	return (before ? q.where(lt(auditLog.id, before)) : q).orderBy(desc(auditLog.id)).limit(limit);
}
