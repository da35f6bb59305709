import { json } from '@sveltejs/kit';
import { jsonBody, requireAdmin, saveAnswer } from '$lib/server/alarms/http';
import { deleteRule, saveRule } from '$lib/server/alarms/rules';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** Replaces a rule (admin). */
export const PUT: RequestHandler = async (event) => {
	const { actor, address } = requireAdmin(event);
	const body = await jsonBody(event);
	return saveAnswer(await saveRule(services().db, event.params.id, body, actor, address), false);
};

/** Deletes a rule (admin); its open alarms are cleared by the engine's next pass. */
export const DELETE: RequestHandler = async (event) => {
	const { actor, address } = requireAdmin(event);
	if (!(await deleteRule(services().db, event.params.id, actor, address)))
		return json({ error: 'No such rule.' }, { status: 404 });
	return new Response(null, { status: 204 });
};
