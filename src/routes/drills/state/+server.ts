import { json } from '@sveltejs/kit';
import { TRAIN } from '$lib/server/auth/roles';
import { requireGrant } from '$lib/server/drills/access';
import { externalExercises } from '$lib/server/drills/exercises';
import { drills } from '$lib/server/drills/instance';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * The state of every drill of this process, and of every other running exercise the EOC knows,
 * for the trainer console's live view (polled).
 */
export const GET: RequestHandler = async (event) => {
	requireGrant(event, TRAIN);
	const list = drills().list();
	const exercises = await externalExercises(services().db, new Set(list.map((d) => d.exerciseId)));
	return json({ drills: list, exercises }, { headers: { 'cache-control': 'no-store' } });
};
