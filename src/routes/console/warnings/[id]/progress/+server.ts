/** An issued warning's message progress, as JSON: the warning page polls it while it is open. */
import { error, json } from '@sveltejs/kit';
import { services } from '$lib/server/app/runtime';
import { ConsoleError } from '$lib/server/console/error';
import { progressOf } from '$lib/server/warnings/out/console';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const progress = await progressOf(services().db, params.id, locals.exercise);
		return json(progress, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		if (e instanceof ConsoleError) error(e.status, e.problem);
		throw e;
	}
};
