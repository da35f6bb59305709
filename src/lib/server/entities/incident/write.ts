import { randomBytes } from 'node:crypto';
import type { ParsedMessage } from '$lib/contracts';
import { reportIncidentId } from '$lib/contracts/incident-id';
import { bulk } from '../../db/bulk';
import type { Database, Queryable } from '../../db/types';
import { ConsoleError } from '../../console/error';
import type { Scope } from '../../exercises/scope';
import { addChange, type ChangeSet } from '../../live/changes';
import { incident, incidentEvent } from '../../db/schema';
import { writeReportPhotos } from './photos';

/**
 * Every write to an incident and its history (`incident`, `incident_event`): field reports and
 * updates from the ingest, operators' actions from the console, the demo seed. Each write records
 * the incident's change itself (an event in its history is a change of the incident too), so
 * every open wall gets it on commit and no caller can forget it.
 */

type Report = Extract<ParsedMessage, { family: 'incident_report' }>;
type Update = Extract<ParsedMessage, { family: 'incident_update' }>;

const ZERO_CASUALTIES = { dead: 0, injured: 0, missing: 0, trapped: 0 };
const ZERO_AFFECTED = { people: 0, households: 0 };

/** Field reports become incidents in status `reported`, waiting for an operator. */
export async function writeReports(tx: Queryable, changes: ChangeSet, messages: Report[]) {
	const rows = messages
		.map((m) => ({
			id: reportIncidentId(m.sender, m.msgId),
			ts: m.ts,
			type: m.body.type,
			severity: m.body.severity,
			title: m.body.title,
			description: m.body.description ?? null,
			lat: m.body.lat,
			lon: m.body.lon,
			area: m.body.area ?? null,
			casualties: { ...ZERO_CASUALTIES, ...m.body.casualties },
			affected: { ...ZERO_AFFECTED, ...m.body.affected },
			needs: m.body.needs ?? [],
			reporter: m.body.reporter,
			msgId: m.msgId,
			exercise: m.exercise,
			sender: m.sender,
			photo: m.body.photo
		}))
		// id order: concurrent transactions take the rows' locks in one order
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const stored = await bulk<{ id: string }>(
		tx,
		(r) => `insert into incident (id, type, severity, status, title, description, lat, lon, area,
			casualties, affected, needs, reporter, reported_at, updated_ts, exercise)
		select id, type, severity, 'reported', title, description, lat, lon, area, casualties,
			affected, needs, reporter, ts, ts, exercise
		from ${r} as x(id text, ts timestamptz, type text, severity int, title text, description text,
			lat float8, lon float8, area jsonb, casualties jsonb, affected jsonb, needs jsonb,
			reporter text, exercise text)
		on conflict (id) do nothing returning id`,
		rows.map(({ photo: _, ...row }) => row)
	);
	// Only with the report that was stored now: a report stored before keeps what it had.
	const isNew = new Set(stored.map((s) => s.id));
	await writeReportPhotos(
		tx,
		rows.flatMap((row) =>
			row.photo && isNew.has(row.id) ? [{ ...row, incidentId: row.id, photo: row.photo }] : []
		)
	);
	await bulk(
		tx,
		(r) => `insert into incident_event (incident_id, ts, kind, actor, data, exercise)
		select id, ts, 'reported', reporter, data, exercise
		from ${r} as x(id text, ts timestamptz, reporter text, data jsonb, exercise text)`,
		rows.map(({ photo: _, ...row }) => ({ ...row, data: { msgId: row.msgId, title: row.title } }))
	);
	for (const row of rows) addChange(changes, 'incident', row.id);
}

/**
 * Every update goes into the incident's history; the current fields take the newest by ts, so an
 * update arriving late is logged but does not overwrite a newer one. The picture guard holds in
 * SQL too: an update of another picture changes no incident.
 */
export async function writeUpdates(tx: Queryable, changes: ChangeSet, messages: Update[]) {
	await bulk(
		tx,
		(r) => `insert into incident_event (incident_id, ts, kind, actor, data, exercise)
		select "incidentId", ts, 'update', sender, data, exercise
		from ${r} as x("incidentId" text, ts timestamptz, sender text, data jsonb, exercise text)`,
		messages.map((m) => ({
			incidentId: m.incidentId,
			ts: m.ts,
			sender: m.sender,
			data: { ...m.body, msgId: m.msgId },
			exercise: m.exercise
		}))
	);
	// Applied in rounds: round k holds the k-th oldest update of each incident, so every update is
	// applied in ts order, each only if newer than what the incident holds (one statement a round;
	// a batch rarely holds more than one update per incident).
	const byIncident = new Map<string, Update[]>();
	for (const m of messages) {
		const list = byIncident.get(m.incidentId);
		if (list) list.push(m);
		else byIncident.set(m.incidentId, [m]);
	}
	// In id order, so concurrent transactions lock incidents in one order.
	const lists = [...byIncident.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, list]) => list);
	for (const list of lists) list.sort((a, b) => a.ts.getTime() - b.ts.getTime());
	const rounds = Math.max(0, ...lists.map((l) => l.length));
	for (let k = 0; k < rounds; k++) {
		await bulk(
			tx,
			(r) => `update incident i set status = coalesce(x.status, i.status),
				severity = coalesce(x.severity, i.severity),
				casualties = i.casualties || coalesce(x.casualties, '{}'::jsonb),
				affected = i.affected || coalesce(x.affected, '{}'::jsonb),
				updated_ts = x.ts
			from ${r} as x("incidentId" text, ts timestamptz, status text, severity int,
				casualties jsonb, affected jsonb, exercise text)
			where i.id = x."incidentId" and i.updated_ts < x.ts
				and i.exercise is not distinct from x.exercise`,
			lists
				.filter((l) => l.length > k)
				.map(({ [k]: m }) => ({
					incidentId: m.incidentId,
					ts: m.ts,
					status: m.body.status ?? null,
					severity: m.body.severity ?? null,
					casualties: m.body.casualties ?? null,
					affected: m.body.affected ?? null,
					exercise: m.exercise
				}))
		);
	}
	for (const m of messages) addChange(changes, 'incident', m.incidentId);
}

/** The incident as an operator's action sees it, locked to the end of the transaction. */
export type LockedIncident = {
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
export async function lockIncident(
	tx: Queryable,
	id: string,
	picture: Scope
): Promise<LockedIncident> {
	const [row] = await tx.query<LockedIncident>(
		'select id, status, severity, title, exercise from incident where id = $1 for update',
		[id]
	);
	if (!row) throw new ConsoleError(404, 'incident_not_found');
	if (row.exercise !== picture) throw new ConsoleError(409, 'other_picture');
	return row;
}

/** Appends to an incident's history, in the incident's picture: who did what, and when. */
export async function addIncidentEvent(
	tx: Queryable,
	changes: ChangeSet,
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
	addChange(changes, 'incident', incidentId);
}

/** What an operator sets of an incident (counts as the view shows them). */
export interface IncidentFields {
	title: string;
	description: string | null;
	place: string | null;
	severity: number;
	casualties: { dead: number; injured: number; missing: number; trapped: number };
	affected: { people: number; households: number };
}

/**
 * An incident an operator opens: open and acknowledged, in the picture the operator works in (a
 * drill's incident carries its exercise, off the real wall). Returns its new id.
 */
export async function openIncident(
	tx: Queryable,
	changes: ChangeSet,
	f: IncidentFields & { type: string; lat: number; lon: number },
	actor: string,
	exercise: string | null
): Promise<string> {
	const id = 'i-' + randomBytes(6).toString('hex');
	await tx.query(
		`insert into incident (id, type, severity, status, title, description, lat, lon, casualties,
			affected, reporter, reported_at, updated_ts, acknowledged_at, exercise, place)
		values ($1, $2, $3, 'open', $4, $5, $6, $7, ($8::text)::jsonb, ($9::text)::jsonb, $10, now(), now(), now(), $11, $12)`,
		[
			id,
			f.type,
			f.severity,
			f.title,
			f.description,
			f.lat,
			f.lon,
			JSON.stringify(f.casualties),
			JSON.stringify(f.affected),
			actor,
			exercise,
			f.place
		]
	);
	addChange(changes, 'incident', id);
	return id;
}

/** An operator's edit: it also acknowledges the incident, and never moves its time back. */
export async function editIncident(
	tx: Queryable,
	changes: ChangeSet,
	id: string,
	f: IncidentFields & { status: string }
): Promise<void> {
	await tx.query(
		`update incident set title = $2, description = $3, severity = $4, status = $5,
			casualties = ($6::text)::jsonb, affected = ($7::text)::jsonb, updated_ts = greatest(updated_ts, now()),
			acknowledged_at = coalesce(acknowledged_at, now()), place = $8
		where id = $1`,
		[
			id,
			f.title,
			f.description,
			f.severity,
			f.status,
			JSON.stringify(f.casualties),
			JSON.stringify(f.affected),
			f.place
		]
	);
	addChange(changes, 'incident', id);
}

/** Stops the wall's pulse; false when someone had already acknowledged it. */
export async function markAcknowledged(
	tx: Queryable,
	changes: ChangeSet,
	id: string
): Promise<boolean> {
	const r = await tx.query(
		'update incident set acknowledged_at = now() where id = $1 and acknowledged_at is null returning 1',
		[id]
	);
	if (r.length > 0) addChange(changes, 'incident', id);
	return r.length > 0;
}

/** Sets a report's status as an operator decided, acknowledging it (the wall stops its pulse). */
export async function decideReport(
	tx: Queryable,
	changes: ChangeSet,
	id: string,
	status: 'open' | 'closed'
): Promise<void> {
	await tx.query(
		`update incident set status = $2, acknowledged_at = coalesce(acknowledged_at, now()),
			updated_ts = greatest(updated_ts, now()) where id = $1`,
		[id, status]
	);
	addChange(changes, 'incident', id);
}

type SeedTx = Pick<Database['orm'], 'insert'>;

/**
 * The demo's incidents, each with its `reported` event. On a database that had no data (the
 * seed's rule), so no wall holds anything to change: no change is recorded.
 */
export async function seedIncidents(tx: SeedTx, rows: (typeof incident.$inferInsert)[]) {
	await tx.insert(incident).values(rows);
	await tx.insert(incidentEvent).values(
		rows.map((i) => ({
			incidentId: i.id,
			ts: i.reportedAt,
			kind: 'reported',
			actor: i.reporter,
			data: { title: i.title, demo: true }
		}))
	);
}
