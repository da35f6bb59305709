import { probe } from '$lib/server/ops/health';
import { brokerUp, databaseUp, lagSeconds, pending, registry } from '$lib/server/ops/metrics';
import { readiness } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/** Prometheus text exposition. */
export const GET: RequestHandler = async () => {
	const s = readiness().services;
	if (s) {
		lagSeconds.set(s.writer.lagMs() / 1000);
		pending.set(s.writer.size);
		await probe(s);
	} else {
		databaseUp.set(0);
		brokerUp.set(0);
	}
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
