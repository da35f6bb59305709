import type { IClientOptions, MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded';
import { connectOnce, refusedCount } from './testing';

/** The embedded broker's edges on real sockets: the packet size limit and the WebSocket door. */
const LIMIT = 16 * 1024;
const PAGE = 'https://eoc.example.tj';
let broker: EmbeddedBroker;
const clients: MqttClient[] = [];
const published: string[] = [];

const connect = (url: string, options: IClientOptions = {}) => connectOnce(url, options, clients);

beforeAll(async () => {
	broker = await startEmbeddedBroker({
		host: '127.0.0.1',
		port: 0,
		wsPort: 0,
		wsOrigins: [PAGE],
		maxPacketBytes: LIMIT,
		log: pino({ level: 'silent' }),
		onPublish: (p) => {
			published.push(p.topic);
			p.release();
		}
	});
});
afterAll(async () => {
	for (const c of clients) c.end(true);
	await broker?.close();
});

describe('embedded broker edges', () => {
	for (const transport of ['tcp', 'ws'] as const) {
		it(`closes the connection of a packet over the limit, and serves the others (${transport})`, async () => {
			const url =
				transport === 'tcp' ? `mqtt://127.0.0.1:${broker.port}` : `ws://127.0.0.1:${broker.wsPort}`;
			const before = await refusedCount('too_large');
			const big = await connect(url);
			const bystander = await connect(url);
			const closed = new Promise<void>((r) => big.once('close', () => r()));
			big.publish(`big/${transport}`, Buffer.alloc(LIMIT + 1), { qos: 1 });
			await closed;
			expect(await refusedCount('too_large')).toBe(before + 1);
			expect(published).not.toContain(`big/${transport}`);

			// At the limit is taken; the bystander's connection never noticed.
			await bystander.publishAsync(`ok/${transport}`, Buffer.alloc(LIMIT - 100), { qos: 1 });
			expect(bystander.connected).toBe(true);
			const next = await connect(url);
			await next.publishAsync(`next/${transport}`, 'hello', { qos: 1 });
			expect(published).toEqual(expect.arrayContaining([`ok/${transport}`, `next/${transport}`]));
		});
	}

	it('opens MQTT over WebSocket from an allowed page or a non-browser client, not from another page', async () => {
		const url = `ws://127.0.0.1:${broker.wsPort}`;
		const before = await refusedCount('origin');
		const status = await new Promise<number | undefined>((resolve) => {
			const ws = new WebSocket(url, 'mqtt', { origin: 'https://evil.example' });
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
			ws.once('open', () => resolve(101));
		});
		expect(status).toBe(403);
		expect(await refusedCount('origin')).toBe(before + 1);
		const fromPage = await connect(url, { wsOptions: { origin: PAGE } });
		expect(fromPage.connected).toBe(true);
		const tool = await connect(url);
		expect(tool.connected).toBe(true);
	});
});
