/**
 * The picture guard (docs/ingest.md): a team, a sensor, an incident or a resource lives in one
 * picture, the
 * real one (exercise null) or one drill's, that of the message or operator that created it. A
 * message of another picture never changes it: it is set aside before any write, as a dead letter
 * with reason `other_picture`, so a drill's reset (which deletes by the exercise column) can never
 * take a real row with it, and real traffic never edits a drill's row.
 *
 * The pictures are read with one statement per table per batch. The handlers' upserts compare
 * again in SQL (`is not distinct from`), so a row that a concurrent transaction created in
 * another picture meanwhile is never taken over either; `verifyCreated` then rolls the batch back
 * to be retried, and the retry sets the message aside here.
 */
import { capKey, type CapAlertMessage, type ParsedMessage } from '$lib/contracts';
import { bulk } from '../db/bulk';
import type { Queryable } from '../db/types';
import { alertKey } from './handlers/alerts';
import { reportIncidentId } from '$lib/contracts/incident-id';

export type PictureTable = 'team' | 'sensor' | 'incident' | 'resource';

/** The row a message changes, or null when it changes none that lives in a picture. */
export function rowOf(m: ParsedMessage): { table: PictureTable; id: string } | null {
	switch (m.family) {
		case 'position':
		case 'status':
			return { table: 'team', id: m.teamId };
		case 'sensor_reading':
			return { table: 'sensor', id: m.sensorId };
		case 'incident_update':
			return { table: 'incident', id: m.incidentId };
		case 'resource_status':
			return { table: 'resource', id: m.resourceId };
		default:
			return null;
	}
}

/** A picture as people read it, in a dead letter's detail. */
const pictureName = (exercise: string | null) =>
	exercise === null ? 'the real picture' : `exercise ${exercise}`;

export interface Judged<T> {
	item: T;
	reason: 'other_picture' | 'other_sender' | 'unknown_incident' | 'unknown_resource';
	detail: string;
}

/** A row this batch creates (absent when the batch began), in the picture expected of it. */
export interface Created {
	table: 'team' | 'sensor';
	id: string;
	exercise: string | null;
}

/**
 * Splits the batch's valid messages into those that may be written and those set aside: an
 * update to an incident that does not exist (`unknown_incident`), a status of a resource not in
 * the register (`unknown_resource`), a message whose row is of
 * another picture (`other_picture`), a CAP Update or Cancel of another sender's or picture's
 * alert (`other_sender`, `other_picture`). A row that does not exist yet takes the picture of the
 * first message that names it in this batch (for an incident: of the report that creates it).
 */
export async function judgePictures<T extends { message: ParsedMessage }>(
	tx: Queryable,
	valid: T[]
): Promise<{ accepted: T[]; refused: Judged<T>[]; created: Created[] }> {
	const ids: Record<PictureTable, Set<string>> = {
		team: new Set(),
		sensor: new Set(),
		incident: new Set(),
		resource: new Set()
	};
	// A report earlier in this same batch creates its incident, in its own picture.
	const reported = new Map<string, string | null>();
	for (const { message: m } of valid) {
		const row = rowOf(m);
		if (row) ids[row.table].add(row.id);
		else if (m.family === 'incident_report')
			reported.set(reportIncidentId(m.sender, m.msgId), m.exercise);
	}
	const held = new Map<string, string | null>();
	for (const table of ['team', 'sensor', 'incident', 'resource'] as const) {
		if (ids[table].size === 0) continue;
		const rows = await tx.query<{ id: string; exercise: string | null }>(
			`select id, exercise from ${table} where id = any($1::text[])`,
			[[...ids[table]]]
		);
		for (const r of rows) held.set(`${table}\n${r.id}`, r.exercise);
	}

	// CAP Updates and Cancels: only of their own sender and picture (handlers/alerts.ts).
	const caps = valid.filter((v) => v.message.family === 'cap_alert');
	const capRefused = await refusedReplacements(
		tx,
		caps.map((v) => v.message as CapAlertMessage)
	);
	const capVerdict = new Map([...capRefused].map(([i, v]) => [caps[i], v]));

	const accepted: T[] = [];
	const refused: Judged<T>[] = [];
	const created: Created[] = [];
	for (const item of valid) {
		const m = item.message;
		const row = rowOf(m);
		const verdict = capVerdict.get(item);
		if (verdict) {
			refused.push({ item, ...verdict });
			continue;
		}
		if (!row) {
			accepted.push(item);
			continue;
		}
		const key = `${row.table}\n${row.id}`;
		let picture = held.get(key);
		if (picture === undefined && row.table === 'incident') {
			picture = reported.get(row.id);
			if (picture === undefined) {
				refused.push({
					item,
					reason: 'unknown_incident',
					detail: `incident ${row.id} does not exist`
				});
				continue;
			}
		}
		if (picture === undefined && row.table === 'resource') {
			// Resources come from the register (or a drill's scenario), never from a report.
			refused.push({
				item,
				reason: 'unknown_resource',
				detail: `resource ${row.id} is not in the register`
			});
			continue;
		}
		if (picture === undefined) {
			// The first message to name a new row creates it, in its picture.
			picture = m.exercise;
			held.set(key, picture);
			created.push({ table: row.table as Created['table'], id: row.id, exercise: picture });
		}
		if (picture === m.exercise) accepted.push(item);
		else
			refused.push({
				item,
				reason: 'other_picture',
				detail:
					`${row.table} ${row.id} belongs to ${pictureName(picture)}; ` +
					`this message is of ${pictureName(m.exercise)}`
			});
	}
	return { accepted, refused, created };
}

/**
 * An Update or Cancel replaces only alerts of its own sender and picture (a drill's Cancel never
 * takes a real alert off the wall, nor one sender's Update another's alert). Returns why a
 * message may not be stored, by its index in `messages`: `other_sender` when a reference names
 * another sender, `other_picture` when it names an alert held (or earlier in this batch) in
 * another picture. One statement, only when the batch holds Updates or Cancels.
 */
async function refusedReplacements(
	tx: Queryable,
	messages: CapAlertMessage[]
): Promise<Map<number, { reason: 'other_sender' | 'other_picture'; detail: string }>> {
	const out = new Map<number, { reason: 'other_sender' | 'other_picture'; detail: string }>();
	const replacing = messages.flatMap((m, i) =>
		m.body.msgType === 'Update' || m.body.msgType === 'Cancel' ? [{ m, i }] : []
	);
	if (replacing.length === 0) return out;
	const refs = replacing.flatMap(({ m }) =>
		(m.body.references ?? []).map((r) => capKey(r.sender, r.identifier, r.sent))
	);
	const held = new Map(
		(
			await tx.query<{ id: string; exercise: string | null }>(
				'select id, exercise from alert where id = any($1::text[])',
				[refs]
			)
		).map((r) => [r.id, r.exercise])
	);
	for (const m of messages) if (!held.has(alertKey(m.body))) held.set(alertKey(m.body), m.exercise);
	for (const { m, i } of replacing) {
		for (const r of m.body.references ?? []) {
			const ref = capKey(r.sender, r.identifier, r.sent);
			if (r.sender !== m.body.sender) {
				out.set(i, {
					reason: 'other_sender',
					detail: `a ${m.body.msgType} from ${m.body.sender} may not replace ${ref} of ${r.sender}`
				});
				break;
			}
			const picture = held.get(ref);
			if (picture !== undefined && picture !== m.exercise) {
				out.set(i, {
					reason: 'other_picture',
					detail:
						`alert ${ref} belongs to ${pictureName(picture)}; ` +
						`this ${m.body.msgType} is of ${pictureName(m.exercise)}`
				});
				break;
			}
		}
	}
	return out;
}

/** The batch lost a race: a row it meant to create was created in another picture meanwhile. */
export class PictureRace extends Error {}

/**
 * After the handlers: each row this batch created is in the picture expected of it. Otherwise a
 * concurrent transaction created it first in another picture; the guards in SQL left that row
 * alone, but this batch's history rows would be in the wrong picture, so the batch is rolled back
 * (thrown) and retried. One statement, and only when the batch created rows.
 */
export async function verifyCreated(tx: Queryable, created: Created[]): Promise<void> {
	const lost = await bulk<{ tbl: string; id: string }>(
		tx,
		(r) => `select x.tbl, x.id from ${r} as x(tbl text, id text, exercise text)
		where (x.tbl = 'team' and exists (select 1 from team t
				where t.id = x.id and t.exercise is distinct from x.exercise))
			or (x.tbl = 'sensor' and exists (select 1 from sensor s
				where s.id = x.id and s.exercise is distinct from x.exercise))`,
		created.map((c) => ({ tbl: c.table, id: c.id, exercise: c.exercise }))
	);
	if (lost.length > 0)
		throw new PictureRace(
			`${lost.map((l) => `${l.tbl} ${l.id}`).join(', ')} created meanwhile in another picture; retrying the batch`
		);
}
