import { afterAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcess } from './helpers/inprocess';
import { startMessagingServers, type MessagingServers } from './helpers/messaging';
import { enqueueAll, items, until } from './helpers/outbox';
import { registry } from '$lib/server/ops/metrics';

// The running app's services start messaging from the configuration: each configured channel
// with its sender, progress on the change log, the counters on /metrics, and a clean stop.
describe('messaging in the app services', () => {
	let servers: MessagingServers | null = null;
	let app: InProcess | null = null;
	afterAll(async () => {
		await app?.stop();
		await servers?.stop();
	});

	it('sends what is queued over the configured channels and tells the screens', async () => {
		servers = await startMessagingServers();
		app = await startInProcess(servers.env);
		const m = app.services.messaging!;
		expect([...m.channels.keys()].sort()).toEqual(['email', 'smpp', 'sms_gateway', 'telegram']);
		expect(m.routing.configured.size).toBe(4);
		const seen: unknown[] = [];
		const unobserve = app.services.hub.observe((msgs) =>
			seen.push(...msgs.filter((x) => x.event === 'outbox').map((x) => x.data))
		);
		await enqueueAll(app.services.db, [
			...items('telegram', 3, 'w-app'),
			...items('email', 2, 'w-app')
		]);
		m.poke();
		await until('sent and told', async () =>
			seen.some(
				(d) =>
					JSON.stringify((d as { channels: unknown }).channels) ===
					JSON.stringify({ email: { sent: 2 }, telegram: { sent: 3 } })
			)
		);
		unobserve();
		expect(servers.telegram.sent.map((s) => s.chatId).sort()).toEqual([
			'700000',
			'700001',
			'700002'
		]);
		expect(servers.smtp.messages).toHaveLength(2);
		const text = await registry.metrics();
		expect(text).toMatch(/eocwall_outbox_sent_total\{channel="telegram"\} 3/);
		expect(text).toMatch(/eocwall_outbox_queue_to_sent_seconds_count\{channel="email"\} 2/);
		// What /api/health/ready shows (as last counted, every 5 s): the five rows, once counted.
		await until('counted', async () => m.outboxCounts?.().telegram?.sent === 3, 30_000);
		expect(m.outboxCounts?.()).toEqual({ telegram: { sent: 3 }, email: { sent: 2 } });
	});
});
