import { randomBytes } from 'node:crypto';
import { INCIDENT_TYPES, type IncidentType, type TaskingIncident } from '$lib/contracts';
import type { Database, Queryable } from '../db/types';
import {
	addIncidentEvent,
	decideReport,
	editIncident,
	lockIncident,
	markAcknowledged,
	openIncident,
	type LockedIncident
} from '../entities/incident/write';
import { readReportCounts } from '../entities/incident/read';
import { movePhotos } from '../entities/incident/photos';
import type { Scope } from '../exercises/scope';
import { lockTeam } from '../entities/team/read';
import { assignToIncident, releaseFromIncident } from '../entities/team/write';
import { recordTasking } from '../entities/tasking/write';
import { taskBySms } from '../messaging/inbound/tasking-sms';
import type { Routing } from '../messaging/outbox/routes';
import { recordChanges, type ChangeSet } from '../live/changes';
import { ConsoleError } from './error';
import type { EditIncident, NewIncident } from './incident-forms';

export { ConsoleError };

/**
 * What operators do to incidents. Each action is one transaction that changes the rows (through
 * the incident's module, entities/incident, which also appends the incident event naming who and
 * when and records the change so every open wall has it within a second). An action on an
 * incident that does not exist, or is not in the state the action needs, changes nothing and
 * says why.
 */

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
const fields = <F extends NewIncident | EditIncident>(f: F) => ({
	...f,
	casualties: casualties(f),
	affected: affected(f)
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
	return inTx(db, also, async (tx, changes) => {
		const id = await openIncident(tx, changes, fields(f), actor, exercise);
		await addIncidentEvent(tx, changes, id, 'created', actor, {
			type: f.type,
			severity: f.severity,
			title: f.title,
			place: f.place
		});
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
		await editIncident(tx, changes, id, { ...fields(f), status: f.status });
		await addIncidentEvent(
			tx,
			changes,
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
		if (!(await markAcknowledged(tx, changes, id)))
			throw new ConsoleError(409, 'already_acknowledged');
		await addIncidentEvent(tx, changes, id, 'acknowledged', actor, {});
	});
}

async function lockReport(tx: Queryable, id: string, picture: Scope): Promise<LockedIncident> {
	const row = await lockIncident(tx, id, picture);
	if (row.status !== 'reported') throw new ConsoleError(409, 'report_already_handled');
	return row;
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
		await decideReport(tx, changes, id, 'open');
		await addIncidentEvent(tx, changes, id, 'accepted', actor, {});
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
		await decideReport(tx, changes, id, 'closed');
		await addIncidentEvent(tx, changes, id, 'rejected', actor, reason ? { reason } : {});
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
		const rows = new Map([a, b].map((x) => [x, null as LockedIncident | null]));
		// Both in the operator's picture: a drill's report never joins a real incident, nor a
		// real report a drill's.
		for (const x of [a, b]) rows.set(x, await lockIncident(tx, x, picture));
		const report = rows.get(id) as LockedIncident;
		const target = rows.get(into) as LockedIncident;
		if (report.status !== 'reported') throw new ConsoleError(409, 'report_already_handled');
		if (target.status === 'reported' || target.status === 'closed')
			throw new ConsoleError(409, 'merge_target_not_open');
		const r = await readReportCounts(tx, id);
		await decideReport(tx, changes, id, 'closed');
		// Its photos follow it, up to the incident's bound; those beyond stay with the report and
		// the incident's history says how many (photosKept).
		const photos = await movePhotos(tx, id, into);
		await addIncidentEvent(tx, changes, id, 'merged', actor, { into });
		await addIncidentEvent(tx, changes, into, 'report-merged', actor, {
			report: id,
			title: report.title,
			reporter: r?.reporter ?? null,
			casualties: r?.casualties,
			affected: r?.affected,
			...(photos.moved ? { photos: photos.moved } : {}),
			...(photos.kept ? { photosKept: photos.kept } : {})
		});
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
	also?: AlsoWrite,
	/** How SMS is routed (Services.messaging): a team without data gets its tasking by SMS. */
	routing: Routing | null = null
) {
	return inTx(db, also, async (tx, changes) => {
		const inc = await lockIncident(tx, incidentId, picture);
		if (inc.status === 'reported' || inc.status === 'closed')
			throw new ConsoleError(409, 'assign_needs_open_incident');
		const t = await lockTeam(tx, teamId);
		if (!t) throw new ConsoleError(404, 'team_not_found');
		// A real team is never tasked to a drill's incident, nor a drill's team to a real one.
		if (t.exercise !== inc.exercise) throw new ConsoleError(409, 'other_picture');
		// The tasking's msgId is its id: the team's answer (`.../tasking/ack`) names it.
		const taskingId = 'tasking-' + randomBytes(8).toString('hex');
		const sentAt = new Date();
		await recordTasking(tx, { id: taskingId, teamId, incidentId, exercise: inc.exercise, sentAt });
		await assignToIncident(tx, teamId, incidentId, taskingId, changes);
		// In this transaction: the SMS goes out with the assignment, or not at all.
		const smsRef = await taskBySms(
			tx,
			{ taskingId, teamId, incidentId, exercise: inc.exercise },
			routing
		);
		await addIncidentEvent(tx, changes, incidentId, 'assigned', actor, {
			teamId,
			message,
			...(t.incident_id && t.incident_id !== incidentId ? { from: t.incident_id } : {})
		});
		return {
			teamId,
			smsRef,
			payload: {
				msgId: taskingId,
				ts: sentAt.toISOString(),
				incidentId,
				message,
				...(priority ? { priority } : {}),
				...(inc.exercise ? { exercise: inc.exercise } : {}),
				incident: await taskingIncident(tx, incidentId)
			}
		};
	});
}

/**
 * What a tasking tells the team of its incident (what, how bad, where), so that a phone shows it
 * with its distance and bearing without asking the EOC again. Clipped to the contract's lengths.
 */
async function taskingIncident(tx: Queryable, id: string): Promise<TaskingIncident> {
	const [r] = await tx.query<{
		title: string;
		type: string;
		severity: number;
		lat: number;
		lon: number;
		place: string | null;
	}>('select title, type, severity, lat, lon, place from incident where id = $1', [id]);
	return {
		title: r.title.slice(0, 200),
		type: (INCIDENT_TYPES as readonly string[]).includes(r.type)
			? (r.type as IncidentType)
			: 'other',
		severity: r.severity,
		lat: r.lat,
		lon: r.lon,
		...(r.place ? { place: r.place.slice(0, 200) } : {})
	};
}
