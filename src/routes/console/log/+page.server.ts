import { fail } from '@sveltejs/kit';
import { takeForm } from '$lib/server/console/form';
import { actorFor, LOG_ACTIONS, mayUse } from '$lib/server/console/grants';
import {
	countAwaiting,
	listLog,
	openIncidents,
	postLogEntry,
	verifyLogEntry
} from '$lib/server/console/log';
import { LOG_POST_FIELDS, logPostSchema, logVerifySchema } from '$lib/server/console/log-form';
import { services } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The log: newest first, or (?awaiting) the significant entries a supervisor has yet to verify. */
export const load: PageServerLoad = async (event) => {
	const db = services().db;
	const awaiting = event.url.searchParams.has('awaiting');
	return {
		awaiting,
		entries: await listLog(db, awaiting),
		awaitingCount: await countAwaiting(db),
		incidents: await openIncidents(db),
		can: mayUse(LOG_ACTIONS, event)
	};
};

export const actions: Actions = {
	/** An operator's entry: now, by the signed-in person. */
	post: async (event) => {
		const f = await takeForm(event, LOG_ACTIONS, 'post', LOG_POST_FIELDS, logPostSchema);
		if (!f.ok) return f.failure;
		const r = await postLogEntry(services().db, f.data, actorFor(event));
		if (!r.ok)
			return fail(400, {
				action: 'post',
				fields: f.fields,
				problem: r.problem,
				field: 'incidentId'
			});
		return { action: 'post', posted: r.id };
	},
	/** A supervisor's verification of a significant entry: it then shows on every wall. */
	verify: async (event) => {
		const f = await takeForm(event, LOG_ACTIONS, 'verify', ['id'], logVerifySchema);
		if (!f.ok) return f.failure;
		const r = await verifyLogEntry(services().db, f.data.id, actorFor(event));
		if (!r.ok) return fail(r.status, { action: 'verify', id: f.fields.id, problem: r.problem });
		return { action: 'verify', verified: f.data.id };
	}
};
