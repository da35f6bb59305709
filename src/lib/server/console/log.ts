import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../auth/audit';
import type { Database } from '../db';
import { incident, logEntry } from '../db/schema';
import { inScope, REAL, type Scope } from '../exercises/scope';
import { addChange, recordChanges, type ChangeSet } from '../live/changes';
import { ConsoleError } from './incidents';
import type { LogPost } from './log-form';

/** Who acts, as the log names them and as the audit log does. */
export interface Actor {
	/** The person's name: the log's author or verifier. */
	name: string;
	/** actorOf(principal): the audit log's actor. */
	audit: string;
	address: string | null;
}

/** One row of the console's log list. Times are epoch ms. */
export interface LogRow {
	id: number;
	ts: number;
	text: string;
	author: string | null;
	incidentId: string | null;
	incidentTitle: string | null;
	significant: boolean;
	verifiedAt: number | null;
	verifiedBy: string | null;
	exercise: string | null;
}

export const LOG_PAGE = 100;

/**
 * The newest entries, or only the significant ones still awaiting a supervisor (oldest first, so
 * that the longest waiting is verified first and none drops off the end of the list).
 */
export async function listLog(
	db: Database,
	awaiting = false,
	scope: Scope = REAL
): Promise<LogRow[]> {
	const rows = await db.orm
		.select({
			id: logEntry.id,
			ts: logEntry.ts,
			text: logEntry.text,
			author: logEntry.author,
			incidentId: logEntry.incidentId,
			incidentTitle: incident.title,
			significant: logEntry.significant,
			verifiedAt: logEntry.verifiedAt,
			verifiedBy: logEntry.verifiedBy,
			exercise: logEntry.exercise
		})
		.from(logEntry)
		.leftJoin(incident, eq(incident.id, logEntry.incidentId))
		.where(
			and(
				sql`${logEntry.exercise} is not distinct from ${scope}::text`,
				awaiting ? and(eq(logEntry.significant, true), isNull(logEntry.verifiedAt)) : undefined
			)
		)
		.orderBy(...(awaiting ? [logEntry.ts, logEntry.id] : [desc(logEntry.ts), desc(logEntry.id)]))
		.limit(LOG_PAGE);
	return rows.map((r) => ({
		...r,
		ts: r.ts.getTime(),
		verifiedAt: r.verifiedAt?.getTime() ?? null
	}));
}

/** How many significant entries await a supervisor. */
export async function countAwaiting(db: Database, scope: Scope = REAL): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`select count(*)::int as n from log_entry where significant and verified_at is null
		and ${inScope('exercise', 1)}`,
		[scope]
	);
	return Number(row?.n ?? 0);
}

/** The incidents an entry may name: every one not closed, as the console lists them. */
export async function openIncidents(
	db: Database,
	scope: Scope = REAL
): Promise<{ id: string; title: string }[]> {
	return db.query<{ id: string; title: string }>(
		`select id, title from incident where status <> 'closed' and ${inScope('exercise', 1)}
		order by reported_at desc, id`,
		[scope]
	);
}

/**
 * Appends an entry, now, by the signed-in person, with its audit entry in the same transaction;
 * returns its id. Nothing reaches a wall yet: only a verified significant entry does (views.ts).
 * The entry belongs to the picture it was written in (`scope`), and an incident it names must be
 * of that picture too: a drill's log entry never shows on the real wall.
 */
export async function postLogEntry(
	db: Database,
	entry: LogPost,
	by: Actor,
	scope: Scope = REAL
): Promise<number> {
	return db.transaction(async (tx) => {
		if (entry.incidentId) {
			const found = await tx.query(
				`select 1 from incident where id = $1 and status <> 'closed' and ${inScope('exercise', 2)}
				for share`,
				[entry.incidentId, scope]
			);
			if (found.length === 0) throw new ConsoleError(400, 'log_incident_unknown');
		}
		const [row] = await tx.query<{ id: string }>(
			`insert into log_entry (ts, text, incident_id, author, significant, exercise)
			values (now(), $1, $2, $3, $4, $5) returning id::text as id`,
			[entry.text, entry.incidentId, by.name, entry.significant, scope]
		);
		const id = Number(row.id);
		await audit(tx, {
			actor: by.audit,
			action: 'log-post',
			target: `log:${id}`,
			detail: { significant: entry.significant, incidentId: entry.incidentId },
			address: by.address
		});
		return id;
	});
}

/**
 * Marks a significant entry verified, once: the update only matches an entry that is significant
 * and not yet verified, so two supervisors verifying at once cannot both succeed. The change goes
 * to every open wall on commit. A ConsoleError says why not.
 */
export async function verifyLogEntry(db: Database, id: number, by: Actor): Promise<void> {
	await db.transaction(async (tx) => {
		const updated = await tx.query(
			`update log_entry set verified_at = now(), verified_by = $2
			where id = $1 and significant and verified_at is null returning id`,
			[id, by.name]
		);
		if (updated.length === 0) {
			const [row] = await tx.query<{ significant: boolean }>(
				`select significant from log_entry where id = $1`,
				[id]
			);
			if (!row) throw new ConsoleError(404, 'log_not_found');
			throw new ConsoleError(409, row.significant ? 'log_already_verified' : 'log_not_significant');
		}
		const changes: ChangeSet = new Map();
		addChange(changes, 'logEntry', String(id));
		await recordChanges(tx, changes);
		await audit(tx, {
			actor: by.audit,
			action: 'log-verify',
			target: `log:${id}`,
			address: by.address
		});
	});
}
