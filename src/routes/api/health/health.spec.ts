import { describe, expect, it } from 'vitest';
import { readiness } from '$lib/server/app/runtime';
import { GET } from './+server';

const ANONYMOUS = { principal: null };
const API = { principal: { kind: 'api', id: 't', name: 'monitor' } };
const call = (locals: object = ANONYMOUS) =>
	GET({ locals } as unknown as Parameters<typeof GET>[0]) as Promise<Response>;

describe('/api/health', () => {
	it('answers 503 with the phase until the services are ready', async () => {
		const state = readiness();
		state.phase = 'starting';
		state.services = null;
		const r = await call();
		expect(r.status).toBe(503);
		expect(await r.json()).toMatchObject({ status: 'starting' });
		state.phase = 'failed';
		state.error = 'database unreachable';
		const f = await call();
		expect(f.status).toBe(503);
		// The reason goes to a monitoring token, never to anyone who asks.
		const anonymous = await f.json();
		expect(anonymous).toMatchObject({ status: 'failed' });
		expect(JSON.stringify(anonymous)).not.toContain('database unreachable');
		const monitor = await call(API);
		expect(monitor.status).toBe(503);
		expect(await monitor.json()).toMatchObject({ status: 'failed', error: 'database unreachable' });
	});
});
