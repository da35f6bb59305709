/**
 * A warning's life: drafted (from an alarm or from scratch), edited by its drafter while a draft,
 * then approved by a supervisor or admin who did not draft it (or rejected, with a reason), and
 * only then issued through the EOC's CAP path. Each step and its audit entry commit together; a
 * step that is refused (the drafter approving their own) is audited too. A warning stays in the
 * picture it was drafted in: a drill's warning is decided and issued only in that drill.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/types';
import type { Warning } from '../db/schema';
import { audit } from '../auth/audit';
import { ConsoleError } from '../console/error';
import type { Scope } from '../exercises/scope';
import { HAZARD_PREFIX, placesArea } from './area';
import type { WarningForm } from './form';

export interface WarningActor {
	/** How the audit log names them (their email): also what `drafted_by` holds. */
	audit: string;
	address: string | null;
}

const columns = `id, status, hazard, alarm_id as "alarmId", severity, urgency, certainty, texts,
	area_desc as "areaDesc", area, places, expires_at as "expiresAt", drafted_by as "draftedBy",
	drafted_at as "draftedAt", decided_by as "decidedBy", decided_at as "decidedAt",
	reject_reason as "rejectReason", alert_id as "alertId", exercise, updated_at as "updatedAt"`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const date = (v: unknown) => (v === null ? null : new Date(v as string));

function row(r: Record<string, unknown>): Warning {
	return {
		...(r as unknown as Warning),
		texts: json(r.texts),
		area: json(r.area),
		places: json(r.places),
		expiresAt: date(r.expiresAt) as Date,
		draftedAt: date(r.draftedAt) as Date,
		decidedAt: date(r.decidedAt),
		updatedAt: date(r.updatedAt) as Date
	};
}

/** The warnings of one picture, newest first (at most 200). */
export async function listWarnings(q: Queryable, scope: Scope): Promise<Warning[]> {
	const rows = await q.query(
		`select ${columns} from warning where exercise is not distinct from $1::text
		order by drafted_at desc limit 200`,
		[scope]
	);
	return rows.map(row);
}

export async function readWarning(q: Queryable, id: string): Promise<Warning | null> {
	const [r] = await q.query(`select ${columns} from warning where id = $1`, [id]);
	return r ? row(r) : null;
}

/** The warning, locked for this transaction, when it is of this picture; else a refusal. */
async function lock(tx: Queryable, id: string, scope: Scope): Promise<Warning> {
	const [r] = await tx.query(`select ${columns} from warning where id = $1 for update`, [id]);
	if (!r) throw new ConsoleError(404, 'warning_not_found');
	const w = row(r);
	if (w.exercise !== scope) throw new ConsoleError(409, 'other_picture');
	return w;
}

/** A hazard's newest extent in this picture: the area of a warning drawn from it. */
export async function hazardExtent(
	q: Queryable,
	hazardId: string,
	scope: Scope
): Promise<{ kind: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon } | null> {
	const [r] = await q.query<{ kind: string; geometry: unknown }>(
		`select kind, geometry from hazard_extent
		where hazard_id = $1 and exercise is not distinct from $2::text
		order by ts desc, id desc limit 1`,
		[hazardId, scope]
	);
	return r ? { kind: r.kind, geometry: json(r.geometry) } : null;
}

/** What the form's area becomes on the row: circles around the places, or the hazard's extent. */
async function areaOf(q: Queryable, f: WarningForm, scope: Scope) {
	if (f.areaSource === 'hazard') {
		const h = await hazardExtent(q, f.hazardId, scope);
		if (!h) throw new ConsoleError(400, 'warning_hazard_missing');
		return {
			area: h.geometry,
			places: [`${HAZARD_PREFIX}${f.hazardId}`],
			areaDesc: f.areaDesc || f.hazardId
		};
	}
	return {
		area: placesArea(f.places, f.radiusKm),
		places: f.places.map((p) => p.id),
		areaDesc: f.areaDesc || f.places.map((p) => p.name).join(', ')
	};
}

const expiry = (f: WarningForm, now: Date) => new Date(now.getTime() + f.expiresHours * 3600_000);

export async function draftWarning(
	db: Database,
	f: WarningForm,
	actor: WarningActor,
	scope: Scope,
	now = new Date()
): Promise<string> {
	const id = `w-${randomBytes(6).toString('hex')}`;
	await db.transaction(async (tx) => {
		const a = await areaOf(tx, f, scope);
		await tx.query(
			`insert into warning (id, status, hazard, alarm_id, severity, urgency, certainty, texts,
				area_desc, area, places, expires_at, drafted_by, drafted_at, exercise, updated_at)
			values ($1, 'draft', $2, $3, $4, $5, $6, ($7::text)::jsonb, $8, ($9::text)::jsonb,
				($10::text)::jsonb, $11, $12, $13, $14, $13)`,
			[
				id,
				f.hazard,
				f.alarmId,
				f.severity,
				f.urgency,
				f.certainty,
				JSON.stringify(f.texts),
				a.areaDesc,
				JSON.stringify(a.area),
				JSON.stringify(a.places),
				expiry(f, now),
				actor.audit,
				now,
				scope
			]
		);
		await audit(tx, {
			actor: actor.audit,
			action: 'warning.draft',
			target: id,
			detail: { hazard: f.hazard, alarm: f.alarmId, places: a.places, exercise: scope },
			address: actor.address
		});
	});
	return id;
}

/** The drafter edits their draft (anyone else rejects it with a reason instead). */
export async function updateWarning(
	db: Database,
	id: string,
	f: WarningForm,
	actor: WarningActor,
	scope: Scope,
	now = new Date()
): Promise<void> {
	await db.transaction(async (tx) => {
		const w = await lock(tx, id, scope);
		if (w.status !== 'draft') throw new ConsoleError(409, 'warning_not_draft');
		if (w.draftedBy !== actor.audit) throw new ConsoleError(403, 'warning_not_yours');
		const a = await areaOf(tx, f, scope);
		await tx.query(
			`update warning set hazard = $2, severity = $3, urgency = $4, certainty = $5,
				texts = ($6::text)::jsonb, area_desc = $7, area = ($8::text)::jsonb,
				places = ($9::text)::jsonb, expires_at = $10, updated_at = $11
			where id = $1`,
			[
				id,
				f.hazard,
				f.severity,
				f.urgency,
				f.certainty,
				JSON.stringify(f.texts),
				a.areaDesc,
				JSON.stringify(a.area),
				JSON.stringify(a.places),
				expiry(f, now),
				now
			]
		);
		await audit(tx, {
			actor: actor.audit,
			action: 'warning.edit',
			target: id,
			detail: { hazard: f.hazard, places: a.places },
			address: actor.address
		});
	});
}

/**
 * A decision on a draft by someone who did not draft it. The drafter's own attempt is refused
 * (403) and the refusal audited, so a second pair of eyes is provable, not just asked for.
 */
export async function decideWarning(
	db: Database,
	id: string,
	decision: { approve: true; seen: number | null } | { approve: false; reason: string },
	actor: WarningActor,
	scope: Scope,
	now = new Date()
): Promise<void> {
	const action = decision.approve ? 'warning.approve' : 'warning.reject';
	try {
		await db.transaction(async (tx) => {
			const w = await lock(tx, id, scope);
			if (w.status !== 'draft') throw new ConsoleError(409, 'warning_not_draft');
			if (w.draftedBy === actor.audit) throw new ConsoleError(403, 'warning_own_draft');
			if (decision.approve && w.expiresAt <= now) throw new ConsoleError(409, 'warning_expired');
			// The approver approves the text they read: a draft edited since their page loaded (or
			// an approval that does not say which version it saw) is refused, to be read again.
			if (decision.approve && decision.seen !== w.updatedAt.getTime())
				throw new ConsoleError(409, 'warning_changed');
			await tx.query(
				`update warning set status = $2, decided_by = $3, decided_at = $4, reject_reason = $5,
					updated_at = $4 where id = $1`,
				[
					id,
					decision.approve ? 'approved' : 'rejected',
					actor.audit,
					now,
					decision.approve ? null : decision.reason
				]
			);
			await audit(tx, {
				actor: actor.audit,
				action,
				target: id,
				detail: decision.approve ? { drafter: w.draftedBy } : { reason: decision.reason },
				address: actor.address
			});
		});
	} catch (e) {
		if (e instanceof ConsoleError && e.problem === 'warning_own_draft')
			await audit(db, {
				actor: actor.audit,
				action: `${action}-refused`,
				target: id,
				detail: { problem: e.problem },
				address: actor.address
			});
		throw e;
	}
}

/**
 * Marks an approved warning issued as the CAP alert `alertId` (its key in the alert table);
 * false when it was not approved (issued already by a click in another tab). `also` runs in the
 * same transaction with the issued warning (its messages to the contacts in its area): if it
 * throws, the warning stays approved and nothing of it is written.
 */
export async function markIssued(
	db: Database,
	id: string,
	alertId: string,
	actor: WarningActor,
	now = new Date(),
	also?: (tx: Queryable, w: Warning) => Promise<Record<string, unknown>>
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const done = await tx.query(
			`update warning set status = 'issued', alert_id = $2, updated_at = $3
			where id = $1 and status = 'approved' returning ${columns}`,
			[id, alertId, now]
		);
		if (done.length === 0) return false;
		const detail = also ? await also(tx, row(done[0])) : {};
		await audit(tx, {
			actor: actor.audit,
			action: 'warning.issue',
			target: id,
			detail: { alert: alertId, ...detail },
			address: actor.address
		});
		return true;
	});
}
