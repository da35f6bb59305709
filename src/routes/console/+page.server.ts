import { z } from 'zod';
import { consoleOrder } from '$lib/console/queue';
import { readIncidents } from '$lib/server/entities/incident/read';
import {
	acceptReport,
	createIncident,
	mergeReport,
	rejectReport
} from '$lib/server/console/incidents';
import { mergeSchema, newIncidentSchema } from '$lib/server/console/incident-forms';
import { idSchema } from '$lib/contracts/common';
import { EXPORTS } from '$lib/server/exports/files';
import { services } from '$lib/server/app/runtime';
import { consoleAction } from './actions';
import { consolePlaces } from './places';
import { MAX_REPLY, replyToSender } from '$lib/server/messaging/inbound/reply';
import type { Actions, PageServerLoad } from './$types';

/** The incidents that are not closed, field reports awaiting an operator first. */
export const load: PageServerLoad = async ({ locals, url }) => {
	// The picture this browser works in: the real one, or a drill's (never both at once).
	// In the order the page keeps as the live stream changes it (lib/console/queue.ts).
	const incidents = await readIncidents(services().db, false, locals.exercise);
	return {
		incidents: consoleOrder(incidents),
		exports: EXPORTS,
		places: await consolePlaces(url, services().db)
	};
};

const NEW_FIELDS = [
	'type',
	'severity',
	'title',
	'description',
	'place',
	'lat',
	'lon',
	'dead',
	'injured',
	'missing',
	'trapped',
	'people',
	'households'
] as const;
const reportId = z.object({ id: idSchema });
const rejectSchema = reportId.extend({ reason: z.string().trim().max(500, 'text_too_long') });
const replySchema = reportId.extend({
	text: z.string().trim().min(1, 'inbound_reply_empty').max(MAX_REPLY, 'text_too_long')
});

export const actions: Actions = {
	create: (event) =>
		consoleAction(
			event,
			newIncidentSchema,
			NEW_FIELDS,
			async (f, actor, also) => ({
				id: await createIncident(services().db, f, actor, also, event.locals.exercise)
			}),
			{ action: 'incident-create', target: (f) => f.title }
		),
	accept: (event) =>
		consoleAction(
			event,
			reportId,
			['id'],
			(f, actor, also) => acceptReport(services().db, f.id, actor, event.locals.exercise, also),
			{
				action: 'report-accept',
				target: (f) => f.id
			}
		),
	reject: (event) =>
		consoleAction(
			event,
			rejectSchema,
			['id', 'reason'],
			(f, actor, also) =>
				rejectReport(services().db, f.id, actor, f.reason, event.locals.exercise, also),
			{ action: 'report-reject', target: (f) => f.id }
		),
	merge: (event) =>
		consoleAction(
			event,
			reportId.merge(mergeSchema),
			['id', 'into'],
			(f, actor, also) =>
				mergeReport(services().db, f.id, f.into, actor, event.locals.exercise, also),
			{ action: 'report-merge', target: (f) => `${f.id} → ${f.into}` }
		),
	// A reply to the sender of an SMS or Telegram report, queued in the outbox (messaging/inbound).
	reply: (event) =>
		consoleAction(
			event,
			replySchema,
			['id', 'text'],
			async (f, actor, also) => {
				const r = await replyToSender(
					services().db,
					f.id,
					f.text,
					actor,
					event.locals.exercise,
					also
				);
				services().messaging?.poke();
				return r;
			},
			{ action: 'report-reply', target: (f) => f.id }
		)
};
