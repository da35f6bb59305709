import { error, json } from '@sveltejs/kit';
import { ID_PATTERN, RESOURCE_STATUSES } from '$lib/contracts';
import { requireReader } from '$lib/server/auth/access';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import { readResources } from '$lib/server/entities/resource/read';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * The register's equipment, by kind and name: the real picture's, or a drill's with
 * `?exercise=<id>`; `?kind=<id>` and `?status=<status>` narrow it.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const q = event.url.searchParams;
	const kind = q.get('kind');
	if (kind !== null && !ID_PATTERN.test(kind))
		error(400, 'kind must be a kind id of 1-64 characters [A-Za-z0-9_-]');
	const status = q.get('status');
	if (status !== null && !(RESOURCE_STATUSES as readonly string[]).includes(status))
		error(400, `status must be one of ${RESOURCE_STATUSES.join(', ')}`);
	const all = await readResources(services().db, scopeParam(event.url) ?? REAL);
	return json(
		all.filter(
			(r) => (kind === null || r.kindId === kind) && (status === null || r.status === status)
		)
	);
};
