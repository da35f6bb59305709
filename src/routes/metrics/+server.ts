import { lagSeconds, pending, registry } from '$lib/server/metrics';
import { readiness } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Prometheus text exposition. */
export const GET: RequestHandler = async () => {
	const writer = readiness().services?.writer;
	if (writer) {
		lagSeconds.set(writer.lagMs() / 1000);
		pending.set(writer.size);
	}
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
