import { registry } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

/** Prometheus text exposition. */
export const GET: RequestHandler = async () =>
	new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
