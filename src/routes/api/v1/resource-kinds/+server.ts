import { error, json } from '@sveltejs/kit';
import { RESOURCE_CLASSES } from '$lib/contracts';
import { requireReader } from '$lib/server/auth/access';
import { readResourceKinds } from '$lib/server/entities/resource/read';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * The kinds of resource, in the EOC's order (every picture shares them: no `?exercise=`);
 * `?class=equipment|supply` keeps one class.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const cls = event.url.searchParams.get('class');
	if (cls !== null && !(RESOURCE_CLASSES as readonly string[]).includes(cls))
		error(400, `class must be one of ${RESOURCE_CLASSES.join(', ')}`);
	const kinds = await readResourceKinds(services().db);
	return json(cls === null ? kinds : kinds.filter((k) => k.class === cls));
};
