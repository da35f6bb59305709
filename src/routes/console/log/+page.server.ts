import { consoleForm } from '$lib/server/console/form';
import { actorFor, LOG_ACTIONS, mayUse } from '$lib/server/console/grants';
import {
	countAwaiting,
	listLog,
	openIncidents,
	postLogEntry,
	verifyLogEntry
} from '$lib/server/console/log';
import { LOG_POST_FIELDS, logPostSchema, logVerifySchema } from '$lib/server/console/log-form';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The log: newest first, or (?awaiting) the significant entries a supervisor has yet to verify. */
export const load: PageServerLoad = async (event) => {
	const db = services().db;
	const awaiting = event.url.searchParams.has('awaiting');
	const scope = event.locals.exercise;
	return {
		awaiting,
		entries: await listLog(db, awaiting, scope),
		awaitingCount: await countAwaiting(db, scope),
		incidents: await openIncidents(db, scope),
		can: mayUse(LOG_ACTIONS, event)
	};
};

export const actions: Actions = {
	/** An operator's entry: now, by the signed-in person. */
	post: (event) =>
		consoleForm(event, LOG_ACTIONS, 'post', LOG_POST_FIELDS, logPostSchema, async (entry) => ({
			posted: await postLogEntry(services().db, entry, actorFor(event), event.locals.exercise)
		})),
	/** A supervisor's verification of a significant entry: it then shows on every wall. */
	verify: (event) =>
		consoleForm(event, LOG_ACTIONS, 'verify', ['id'], logVerifySchema, async ({ id }) => {
			await verifyLogEntry(services().db, id, actorFor(event));
			return { verified: id };
		})
};
