import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { readAlarms } from '$lib/server/entities/alarm/read';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** The picture's alarms not cleared yet; `?exercise=<id>` reads a drill's. */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await readAlarms(services().db, scopeParam(event.url) ?? REAL));
};
