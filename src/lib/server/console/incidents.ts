import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/types';
import type { Scope } from '../exercises/scope';
import { lockTeam } from '../entities/team/read';
import { assignToIncident, releaseFromIncident } from '../entities/team/write';
import { addChange, recordChanges, type ChangeSet } from '../live/changes';
import type { EditIncident, NewIncident } from './incident-forms';

/**
 * What operators do to incidents. Each action is one transaction that changes the rows, appends
 * an incident event naming who and when, and records the change so every open wall has it within
 * a second. An action on an incident that does not exist, or is not in the state the action
 * needs, changes nothing and says why.
 */
export class ConsoleError extends Error {
	constructor(
		readonly status: 400 | 404 | 409,
		readonly problem: string
	) {
		super(problem);
	}
}

type Row = {
	id: string;
	status: string;
	severity: number;
	title: string;
	exercise: string | null;
};

/**
 * Locks an incident for an action of an operator working in `picture` (the real one, or a
 * drill's): an incident of another picture is refused, never changed (the picture guard).
 */
async function lockIncident(tx: Queryable, id: string, picture: Scope): Promise<Row> {
	const [row] = await tx.query<Row>(
		'select id, status, severity, title, exercise from incident where id = $1 for update',
		[id]
	);
	if (!row) throw new ConsoleError(404, 'incident_not_found');
	if (row.exercise !== picture) throw new ConsoleError(409, 'other_picture');
	return row;
}

async function event(
	tx: Queryable,
	incidentId: string,
	kind: string,
	actor: string,
	data: Record<string, unknown>
): Promise<void> {
	await tx.query(
		`insert into incident_event (incident_id, ts, kind, actor, data, exercise)
		select $1, now(), $2, $3, ($4::text)::jsonb, exercise from incident where id = $1`,
		[incidentId, kind, actor, JSON.stringify(data)]
	);
}

/** Written in the action's own transaction (the audit entry): both commit, or neither. */
export type AlsoWrite = (tx: Queryable) => Promise<void>;

async function inTx<T>(
	db: Database,
	also: AlsoWrite | undefined,
	fn: (tx: Queryable, changes: ChangeSet) => Promise<T>
) {
	return db.transaction(async (tx) => {
		const changes: ChangeSet = new Map();
		const r = await fn(tx, changes);
		await also?.(tx);
		await recordChanges(tx, changes);
		return r;
	});
}

const casualties = (f: NewIncident | EditIncident) => ({
	dead: f.dead,
	injured: f.injured,
	missing: f.missing,
	trapped: f.trapped
});
const affected = (f: NewIncident | EditIncident) => ({
	people: f.people,
	households: f.households
});

/**
 * An incident an operator opens (on the map or by coordinates): open and acknowledged, in the
 * picture the operator works in (a drill's incident carries its exercise, off the real wall).
 */
export function createIncident(
	db: Database,
	f: NewIncident,
	actor: string,
	also?: AlsoWrite,
	exercise: string | null = null
): Promise<string> {
	const id = 'i-' + randomBytes(6).toString('hex');
	return inTx(db, also, async (tx, changes) => {
		await tx.query(
			`insert into incident (id, type, severity, status, title, description, lat, lon, casualties,
				affected, reporter, reported_at, updated_ts, acknowledged_at, exercise)
			values ($1, $2, $3, 'open', $4, $5, $6, $7, ($8::text)::jsonb, ($9::text)::jsonb, $10, now(), now(), now(), $11)`,
			[
				id,
				f.type,
				f.severity,
				f.title,
				f.description,
				f.lat,
				f.lon,
				JSON.stringify(casualties(f)),
				JSON.stringify(affected(f)),
				actor,
				exercise
			]
		);
		await event(tx, id, 'created', actor, { type: f.type, severity: f.severity, title: f.title });
		addChange(changes, 'incident', id);
		return id;
	});
}

/** Edits what an operator may change; the event records the old and the new values. */
export function updateIncident(
	db: Database,
	id: string,
	f: EditIncident,
	actor: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		const before = await lockIncident(tx, id, picture);
		if (before.status === 'reported') throw new ConsoleError(409, 'incident_is_report');
		await tx.query(
			`update incident set title = $2, description = $3, severity = $4, status = $5,
				casualties = ($6::text)::jsonb, affected = ($7::text)::jsonb, updated_ts = greatest(updated_ts, now()),
				acknowledged_at = coalesce(acknowledged_at, now())
			where id = $1`,
			[
				id,
				f.title,
				f.description,
				f.severity,
				f.status,
				JSON.stringify(casualties(f)),
				JSON.stringify(affected(f))
			]
		);
		await event(
			tx,
			id,
			f.status === 'closed' && before.status !== 'closed' ? 'closed' : 'updated',
			actor,
			{
				before: { status: before.status, severity: before.severity, title: before.title },
				after: { status: f.status, severity: f.severity, title: f.title },
				casualties: casualties(f),
				affected: affected(f),
				...(f.note ? { note: f.note } : {})
			}
		);
		addChange(changes, 'incident', id);
		// A closed incident releases its teams: their assignment lines leave the wall.
		if (f.status === 'closed') await releaseFromIncident(tx, id, changes);
	});
}

/** Stops the wall's pulse: someone in the EOC has seen it. */
export function acknowledgeIncident(
	db: Database,
	id: string,
	actor: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		await lockIncident(tx, id, picture);
		const r = await tx.query(
			'update incident set acknowledged_at = now() where id = $1 and acknowledged_at is null returning 1',
			[id]
		);
		if (r.length === 0) throw new ConsoleError(409, 'already_acknowledged');
		await event(tx, id, 'acknowledged', actor, {});
		addChange(changes, 'incident', id);
	});
}

async function lockReport(tx: Queryable, id: string, picture: Scope): Promise<Row> {
	const row = await lockIncident(tx, id, picture);
	if (row.status !== 'reported') throw new ConsoleError(409, 'report_already_handled');
	return row;
}

/** Sets a report's status as an operator decided, acknowledging it (the wall stops its pulse). */
async function decide(tx: Queryable, id: string, status: 'open' | 'closed') {
	await tx.query(
		`update incident set status = $2, acknowledged_at = coalesce(acknowledged_at, now()),
			updated_ts = greatest(updated_ts, now()) where id = $1`,
		[id, status]
	);
}

/** A field report becomes an incident of its own. */
export function acceptReport(
	db: Database,
	id: string,
	actor: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		await lockReport(tx, id, picture);
		await decide(tx, id, 'open');
		await event(tx, id, 'accepted', actor, {});
		addChange(changes, 'incident', id);
	});
}

/** A field report that is not an incident (a duplicate call, a false alarm): closed, kept. */
export function rejectReport(
	db: Database,
	id: string,
	actor: string,
	reason: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		await lockReport(tx, id, picture);
		await decide(tx, id, 'closed');
		await event(tx, id, 'rejected', actor, reason ? { reason } : {});
		addChange(changes, 'incident', id);
	});
}

/**
 * A field report about an incident already known: the report is closed as merged, and the
 * incident's history gets the report (its title and counts, for the operator to weigh).
 */
export function mergeReport(
	db: Database,
	id: string,
	into: string,
	actor: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		if (id === into) throw new ConsoleError(400, 'merge_into_itself');
		// Lock in id order, as the ingest does, so two merges cannot deadlock.
		const [a, b] = id < into ? [id, into] : [into, id];
		const rows = new Map([a, b].map((x) => [x, null as Row | null]));
		// Both in the operator's picture: a drill's report never joins a real incident, nor a
		// real report a drill's.
		for (const x of [a, b]) rows.set(x, await lockIncident(tx, x, picture));
		const report = rows.get(id) as Row;
		const target = rows.get(into) as Row;
		if (report.status !== 'reported') throw new ConsoleError(409, 'report_already_handled');
		if (target.status === 'reported' || target.status === 'closed')
			throw new ConsoleError(409, 'merge_target_not_open');
		const [r] = await tx.query<{ casualties: unknown; affected: unknown; reporter: string | null }>(
			'select casualties, affected, reporter from incident where id = $1',
			[id]
		);
		await decide(tx, id, 'closed');
		await event(tx, id, 'merged', actor, { into });
		await event(tx, into, 'report-merged', actor, {
			report: id,
			title: report.title,
			reporter: r?.reporter ?? null,
			casualties: r?.casualties,
			affected: r?.affected
		});
		addChange(changes, 'incident', id);
		addChange(changes, 'incident', into);
	});
}

/**
 * Assigns a team to an incident. Returns the tasking to publish on the team's topic once the
 * transaction has committed (a tasking for an assignment that rolled back must never go out).
 */
export function assignTeam(
	db: Database,
	incidentId: string,
	teamId: string,
	message: string,
	priority: number | undefined,
	actor: string,
	picture: Scope,
	also?: AlsoWrite
) {
	return inTx(db, also, async (tx, changes) => {
		const inc = await lockIncident(tx, incidentId, picture);
		if (inc.status === 'reported' || inc.status === 'closed')
			throw new ConsoleError(409, 'assign_needs_open_incident');
		const t = await lockTeam(tx, teamId);
		if (!t) throw new ConsoleError(404, 'team_not_found');
		// A real team is never tasked to a drill's incident, nor a drill's team to a real one.
		if (t.exercise !== inc.exercise) throw new ConsoleError(409, 'other_picture');
		await assignToIncident(tx, teamId, incidentId, changes);
		await event(tx, incidentId, 'assigned', actor, {
			teamId,
			message,
			...(t.incident_id && t.incident_id !== incidentId ? { from: t.incident_id } : {})
		});
		addChange(changes, 'incident', incidentId);
		return {
			teamId,
			payload: {
				msgId: 'tasking-' + randomBytes(8).toString('hex'),
				ts: new Date().toISOString(),
				incidentId,
				message,
				...(priority ? { priority } : {}),
				...(inc.exercise ? { exercise: inc.exercise } : {})
			}
		};
	});
}
