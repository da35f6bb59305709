import { clientAddress } from '$lib/server/auth/throttle';
import { fail, type RequestEvent } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/audit';
import { allows, OPERATE } from '$lib/server/auth/roles';
import { alertById, listAlerts } from '$lib/server/alerts/held';
import {
	cancelOf,
	eocSender,
	issuedAlert,
	issueSchema,
	ISSUE_FIELDS,
	xmlOf
} from '$lib/server/alerts/issue';
import { storeCap } from '$lib/server/alerts/store';
import { fieldsOf, firstProblem } from '$lib/server/console/incident-forms';
import { openIncidents } from '$lib/server/console/log';
import { services } from '$lib/server/app/runtime';
import { readSettings } from '$lib/server/settings/store';
import type { Actions, PageServerLoad } from './$types';

/** An upload is one CAP document, at most the request body limit of the console's routes (256 KiB). */
const MAX_UPLOAD_BYTES = 256 * 1024;

export const load: PageServerLoad = async () => {
	const db = services().db;
	return { alerts: await listAlerts(db), incidents: await openIncidents(db) };
};

function who(event: RequestEvent, origin: 'upload' | 'eoc') {
	return { origin, actor: actorOf(event.locals.principal), address: clientAddress(event) };
}

/** The rule of rules.ts again, in the action itself (a hook that did not run still refuses). */
const refused = (event: RequestEvent, action: string) =>
	allows(OPERATE, event.locals.principal) ? null : fail(403, { action, problem: 'not_allowed' });

export const actions: Actions = {
	/** An operator's CAP file (or pasted XML): validated and stored as if it came over MQTT. */
	upload: async (event) => {
		const no = refused(event, 'upload');
		if (no) return no;
		const form = await event.request.formData();
		const file = form.get('file');
		const text = String(form.get('xml') ?? '').trim();
		let bytes: Uint8Array | null = null;
		if (file instanceof File && file.size > 0) bytes = new Uint8Array(await file.arrayBuffer());
		else if (text) bytes = new TextEncoder().encode(text);
		if (!bytes) return fail(400, { action: 'upload', problem: 'console_alerts_missing' });
		if (bytes.byteLength > MAX_UPLOAD_BYTES)
			return fail(400, {
				action: 'upload',
				problem: 'console_alerts_invalid',
				reason: 'too_large',
				detail: `${bytes.byteLength} bytes, limit ${MAX_UPLOAD_BYTES}`
			});
		const r = await storeCap(services().db, bytes, who(event, 'upload'));
		if (!r.ok)
			return fail(400, {
				action: 'upload',
				problem: 'console_alerts_invalid',
				reason: r.reason,
				detail: r.detail
			});
		return { action: 'upload', outcome: r.outcome, identifier: r.identifier };
	},

	/** The EOC's own alert, written as CAP 1.2 and stored through the same path. */
	issue: async (event) => {
		const no = refused(event, 'issue');
		if (no) return no;
		const fields = fieldsOf(await event.request.formData(), ISSUE_FIELDS);
		const parsed = issueSchema.safeParse(fields);
		if (!parsed.success)
			return fail(400, { action: 'issue', fields, ...firstProblem(parsed.error) });
		const db = services().db;
		let incident = null;
		if (parsed.data.incidentId) {
			const [row] = await db.query<{
				title: string;
				lat: number;
				lon: number;
				area: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
			}>(
				// An incident of the operator's own picture only (real, or the drill's).
				`select title, lat, lon, area from incident
				where id = $1 and status <> 'closed' and exercise is not distinct from $2`,
				[parsed.data.incidentId, event.locals.exercise]
			);
			if (!row) return fail(400, { action: 'issue', fields, problem: 'alert_area_missing' });
			incident = { ...row, area: typeof row.area === 'string' ? JSON.parse(row.area) : row.area };
		}
		const settings = await readSettings(db);
		const alert = issuedAlert(parsed.data, incident, {
			sender: eocSender(services().config.ORIGIN),
			eocName: settings.eocName,
			now: new Date(),
			// Issued in a drill's picture: an Exercise alert of that drill, never an Actual one.
			exercise: event.locals.exercise
		});
		const r = await storeCap(db, xmlOf(alert), who(event, 'eoc'));
		if (!r.ok)
			return fail(400, {
				action: 'issue',
				fields,
				problem: 'console_alerts_invalid',
				reason: r.reason,
				detail: r.detail
			});
		return { action: 'issue', outcome: r.outcome, identifier: r.identifier };
	},

	/** Cancels an alert the EOC issued: a CAP Cancel that references it. */
	cancel: async (event) => {
		const no = refused(event, 'cancel');
		if (no) return no;
		const id = String((await event.request.formData()).get('id') ?? '');
		const db = services().db;
		const held = id ? await alertById(db, id) : null;
		if (!held || held.origin !== 'eoc' || held.msgType === 'Cancel')
			return fail(404, { action: 'cancel', id, problem: 'alert_not_found' });
		// An operator cancels alerts of the picture they work in (the Cancel is of that picture).
		if (held.exercise !== event.locals.exercise)
			return fail(409, { action: 'cancel', id, problem: 'other_picture' });
		const r = await storeCap(db, xmlOf(cancelOf(held.doc, { now: new Date() })), who(event, 'eoc'));
		if (!r.ok)
			return fail(400, {
				action: 'cancel',
				id,
				problem: 'console_alerts_invalid',
				reason: r.reason,
				detail: r.detail
			});
		return { action: 'cancel', id, outcome: r.outcome };
	}
};
