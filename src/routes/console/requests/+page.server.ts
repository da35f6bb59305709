import { services } from '$lib/server/app/runtime';
import { readRequests, readResourceKinds } from '$lib/server/entities/resource/read';
import type { PageServerLoad } from './$types';

/** The picture's open requests and those that ended in the last day; the stream keeps them live. */
export const load: PageServerLoad = async ({ locals }) => {
	const db = services().db;
	return {
		requests: await readRequests(db, locals.exercise),
		kinds: await readResourceKinds(db),
		exercise: locals.exercise
	};
};
