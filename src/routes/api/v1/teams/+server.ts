import { json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { readTeams } from '$lib/server/entities/team/read';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireReader(event);
	return json(await readTeams(services().db, scopeParam(event.url) ?? REAL));
};
