import { redirect } from '@sveltejs/kit';
import { fieldsOf } from '$lib/server/console/incident-forms';
import { services } from '$lib/server/app/runtime';
import { readIncidents } from '$lib/server/entities/incident/read';
import { readResourceKinds } from '$lib/server/entities/resource/read';
import { createRequest } from '$lib/server/entities/resource/requests';
import { readTeams } from '$lib/server/entities/team/read';
import { NEW_REQUEST_ACTIONS, requestAction } from '$lib/server/resources/request-actions';
import { NEW_REQUEST_FIELDS, newRequestSchema } from '$lib/server/resources/request-forms';
import type { Actions, PageServerLoad } from './$types';

/** A new request: what, how many, where (an incident, a place or a point), by when, who asks. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = services().db;
	const incident = url.searchParams.get('incident') ?? '';
	return {
		kinds: await readResourceKinds(db),
		incidents: (await readIncidents(db, false, locals.exercise))
			.filter((i) => i.status !== 'reported')
			.map((i) => ({ id: i.id, title: i.title, place: i.place })),
		teams: (await readTeams(db, locals.exercise)).map((t) => ({ id: t.id, callsign: t.callsign })),
		incident,
		operator: locals.user?.name ?? ''
	};
};

export const actions: Actions = {
	create: async (event) => {
		const fields = fieldsOf(await event.request.formData(), NEW_REQUEST_FIELDS);
		const answer = await requestAction(
			event,
			{
				action: 'create',
				grant: NEW_REQUEST_ACTIONS.create,
				target: null,
				fields,
				schema: newRequestSchema(Date.now())
			},
			async (tx, f, actor, changes) => ({
				id: await createRequest(tx, { ...f, exercise: event.locals.exercise }, actor, changes)
			})
		);
		// Saved: to the request's own page, where it waits for a supervisor.
		if ('id' in answer && typeof answer.id === 'string')
			redirect(303, `/console/requests/${answer.id}`);
		return answer;
	}
};
