import { desc, lt } from 'drizzle-orm';
import type { Database } from '../db';
import { auditLog, type AuditLog } from '../db/schema';
import type { Principal } from './roles';

/** How the audit log names whoever acted: a person by email, a token by kind and name. */
export function actorOf(p: Principal | null): string {
	if (!p) return 'anonymous';
	return p.kind === 'user' ? p.email : `${p.kind}-token:${p.name}`;
}

/** Appends one entry. The audit log is never updated or deleted by the app. */
export async function audit(
	db: Database,
	entry: {
		actor: string;
		action: string;
		target?: string | null;
		detail?: Record<string, unknown>;
		address?: string | null;
	}
): Promise<void> {
	await db.orm.insert(auditLog).values({
		actor: entry.actor,
		action: entry.action,
		target: entry.target ?? null,
		detail: entry.detail ?? null,
		address: entry.address ?? null
	});
}

/** A page of the log, newest first; `before` is the id to continue from. */
export async function readAudit(db: Database, limit: number, before?: number): Promise<AuditLog[]> {
	const q = db.orm.select().from(auditLog);
	return (before ? q.where(lt(auditLog.id, before)) : q).orderBy(desc(auditLog.id)).limit(limit);
}
