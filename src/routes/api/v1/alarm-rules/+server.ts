import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { jsonBody, requireAdmin, saveAnswer } from '$lib/server/alarms/http';
import { listRules, saveRule } from '$lib/server/alarms/rules';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** Every alarm rule (anyone who reads the picture may see why an alarm fired). */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await listRules(services().db));
};

/** A new rule (admin); 400 naming the field when it does not parse. */
export const POST: RequestHandler = async (event) => {
	const { actor, address } = requireAdmin(event);
	const body = await jsonBody(event);
	return saveAnswer(await saveRule(services().db, null, body, actor, address), true);
};
