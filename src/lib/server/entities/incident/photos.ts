import { randomBytes } from 'node:crypto';
import { base64Bytes, MAX_PHOTOS_PER_INCIDENT, type Photo } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';

/**
 * An incident's photos (`incident_photo`): written with the field report that brought them,
 * moved with a report merged into another incident, read by `/console/photos/[id]`. The bytes
 * travel into the database as the report's own base64 (decoded by PostgreSQL), the same SQL on
 * PGlite and postgres.js.
 */

/** A photo's id: 16 hex digits (what `/console/photos/[id]` accepts). */
export const PHOTO_ID = /^[0-9a-f]{16}$/;

export interface ReportPhoto {
	incidentId: string;
	sender: string;
	msgId: string;
	reporter: string;
	ts: Date;
	exercise: string | null;
	photo: Photo;
}

/**
 * The photos of reports just stored, in the report's transaction. Each report is an incident of
 * its own (reportIncidentId), so it starts under MAX_PHOTOS_PER_INCIDENT; the bound holds where
 * photos join an incident, on a merge. A (sender, msgId) already stored adds nothing.
 */
export async function writeReportPhotos(tx: Queryable, reports: readonly ReportPhoto[]) {
	await bulk(
		tx,
		(r) => `insert into incident_photo (id, incident_id, sender, msg_id, reporter, ts, type, bytes,
			size, exercise)
		select id, "incidentId", sender, "msgId", reporter, ts, type, decode(data, 'base64'), size,
			exercise
		from ${r} as x(id text, "incidentId" text, sender text, "msgId" text, reporter text,
			ts timestamptz, type text, data text, size int, exercise text)
		on conflict (sender, msg_id) do nothing`,
		reports.map((p) => ({
			id: randomBytes(8).toString('hex'),
			incidentId: p.incidentId,
			sender: p.sender,
			msgId: p.msgId,
			reporter: p.reporter,
			ts: p.ts,
			type: p.photo.type,
			data: p.photo.data,
			size: base64Bytes(p.photo.data),
			exercise: p.exercise
		}))
	);
}

/**
 * Moves a merged report's photos to the incident it joined, oldest first, as many as the target
 * has room for (MAX_PHOTOS_PER_INCIDENT). Those beyond stay with the report (closed, merged),
 * never deleted. Returns how many moved and how many stayed. Both incidents are locked.
 */
export async function movePhotos(
	tx: Queryable,
	from: string,
	into: string
): Promise<{ moved: number; kept: number }> {
	const [{ n }] = await tx.query<{ n: number }>(
		'select count(*)::int as n from incident_photo where incident_id = $1',
		[into]
	);
	const room = Math.max(0, MAX_PHOTOS_PER_INCIDENT - Number(n));
	const moved = await tx.query(
		`update incident_photo set incident_id = $2 where id in (
			select id from incident_photo where incident_id = $1 order by ts, id limit $3)
		returning id`,
		[from, into, room]
	);
	const [{ k }] = await tx.query<{ k: number }>(
		'select count(*)::int as k from incident_photo where incident_id = $1',
		[from]
	);
	return { moved: moved.length, kept: Number(k) };
}

/** One photo's bytes and type, or undefined. */
export async function readPhoto(
	q: Queryable,
	id: string
): Promise<{ type: string; bytes: Buffer; exercise: string | null } | undefined> {
	const [row] = await q.query<{ type: string; bytes: Uint8Array; exercise: string | null }>(
		'select type, bytes, exercise from incident_photo where id = $1',
		[id]
	);
	return row && { type: row.type, bytes: Buffer.from(row.bytes), exercise: row.exercise };
}
