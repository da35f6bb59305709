import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { startMessagingServers, type MessagingServers } from './helpers/messaging';

/**
 * The built app configured for all four channels against the local protocol servers: the
 * configuration is accepted, the inbound route is public but answers only what its channel
 * accepts, and readiness lists the channels without depending on them.
 */
describe(`messaging channels in the app, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let servers: MessagingServers;
	let app: RunningApp;

	beforeAll(async () => {
		db = await freshDatabase();
		servers = await startMessagingServers();
		app = await startApp({ ...db.env, ...(await mqttEnv()), ...servers.env });
	});
	afterAll(async () => {
		await app?.kill();
		await servers?.stop();
		await db?.drop();
	});

	const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
		fetch(`${app.url}/api/v1/inbound/${channel}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body
		});

	it('readiness lists the channels and stays ready whatever their state', async () => {
		const r = await fetch(`${app.url}/api/health/ready`);
		const body = (await r.json()) as {
			status: string;
			channels: Record<string, { state: string }>;
		};
		expect(r.status).toBe(200);
		expect(body.status).toBe('ok');
		expect(typeof body.channels).toBe('object');
		const metrics = await (await app.fetch('/metrics')).text();
		for (const name of Object.keys(body.channels))
			expect(metrics).toContain(`eocwall_channel_up{channel="${name}"}`);
	});

	it('the inbound route: 404 for no such channel; otherwise only a signed gateway event is taken', async () => {
		expect((await post('fax', '{}')).status).toBe(404);
		const body = JSON.stringify({
			id: 'evt-1',
			event: 'sms:received',
			payload: { message: 'Салом', phoneNumber: '+992937654321' }
		});
		const ts = String(Math.floor(Date.now() / 1000));
		const sig = createHmac('sha256', servers.gateway.webhookKey)
			.update(body + ts)
			.digest('hex');
		const ready = (await (await fetch(`${app.url}/api/health/ready`)).json()) as {
			channels: Record<string, unknown>;
		};
		const unsigned = await post('sms_gateway', body);
		if (Object.keys(ready.channels).length === 0) {
			// Messaging not started in this build (Services.messaging null): the gateway is told to retry.
			expect(unsigned.status).toBe(503);
		} else {
			expect(unsigned.status).toBe(401);
			expect(
				(await post('sms_gateway', body, { 'x-signature': sig, 'x-timestamp': ts })).status
			).toBe(200);
		}
		expect((await post('sms_gateway', 'x'.repeat(300 * 1024))).status).toBeGreaterThanOrEqual(400);
	});
});
