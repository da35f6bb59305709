import { createHash, randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MAX_PACKET_BYTES, topics } from '$lib/contracts';
import { validPosition } from '$lib/contracts/testing';
import type { TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { end } from './helpers/mqtt';
import { freePort, waitFor } from './helpers/ports';

type DeadLetter = {
	topic: string;
	reason: string;
	sender: string | null;
	detail: string;
	payload: string;
	payloadBytes: number;
	payloadSha256: string;
	payloadTruncated: boolean;
};

const MIB = 1024 * 1024;
const now = () => Math.floor(Date.now() / 1000);
const clients: MqttClient[] = [];

/** A connection that does not reconnect; resolves on CONNACK, rejects with the refusal. */
function connectTo(url: string, options: IClientOptions = {}): Promise<MqttClient> {
	const client = mqtt.connect(url, { connectTimeout: 5000, reconnectPeriod: 0, ...options });
	clients.push(client);
	return new Promise((resolve, reject) => {
		client.once('connect', () => resolve(client));
		client.once('error', reject);
	});
}
const refusalCode = (url: string, options: IClientOptions = {}) =>
	connectTo(url, options).then(
		() => null,
		(e: Error & { code?: number }) => e.code ?? e.message
	);

afterAll(() => {
	for (const c of clients) c.end(true);
});

/**
 * The embedded broker as an EOC runs it on the LAN (MQTT_DEVICE_AUTH=on): the app's own broker,
 * so it runs on both databases with the broker in the app, as kill-embedded.test.ts does.
 */
describe(`the embedded broker's edges, with device credentials (${REAL ? 'PostgreSQL' : 'PGlite'})`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let url: string;
	let admin: FormClient;
	const creds: Record<'one' | 'two', { username: string; password: string }> = {
		one: { username: '', password: '' },
		two: { username: '', password: '' }
	};
	const teamOf = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);
	const lettersFor = async (topic: string) =>
		(await app.getJson<DeadLetter[]>('/api/v1/dead-letters?reason=not_authorized')).filter(
			(l) => l.topic === topic
		);

	beforeAll(async () => {
		db = await freshDatabase();
		const port = await freePort();
		url = `mqtt://127.0.0.1:${port}`;
		app = await startApp(
			{
				...db.env,
				MQTT_PORT: String(port),
				MQTT_DEVICE_AUTH: 'on',
				EOC_SEED: 'demo',
				EOC_DEMO_FEED: 'off',
				LOG_LEVEL: 'info'
			},
			{ healthTimeoutMs: 120_000 }
		);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		for (const [key, teamId] of [
			['one', 'kulob-rescue-1'],
			['two', 'kulob-rescue-2']
		] as const) {
			const html = await (await admin.post('/admin/devices?/issue', { teamId, name: key })).text();
			creds[key] = {
				username: testId(html, 'device-username'),
				password: testId(html, 'device-password')
			};
			expect(creds[key].username).toMatch(new RegExp(`^${teamId}\\.[a-z2-7]{8}$`));
		}
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('refuses an anonymous connection, and has no WebSocket listener unless configured', async () => {
		expect(await refusalCode(url)).toBe(4); // bad username or password
		expect(await refusalCode(url, { username: creds.one.username, password: 'eoc_m_no' })).toBe(4);
		const listening = app
			.output()
			.split('\n')
			.find((l) => l.includes('embedded MQTT broker listening'));
		expect(JSON.parse(listening ?? '{}')).toMatchObject({
			wsPort: null,
			maxPacketBytes: DEFAULT_MAX_PACKET_BYTES
		});
	});

	it('closes the connection of a 1 MiB publish, and keeps serving the next client', async () => {
		const big = await connectTo(url, creds.one);
		const closed = new Promise<void>((r) => big.once('close', () => r()));
		const position = JSON.stringify(validPosition({ msgId: 'big-1', note: 'x'.repeat(MIB) }));
		big.publish(topics.position('kulob-rescue-1'), position, { qos: 1 });
		await closed;
		await waitFor('the log line', () => app.output().includes('mqtt packet too large'));

		const next = await connectTo(url, creds.two);
		// A minute old: the Meshtastic fixes below (newer) move the same team after it.
		const ts = new Date(Date.now() - 60_000).toISOString();
		const fix = validPosition({ msgId: 'after-big', lat: 37.9412, lon: 69.7812, ts });
		await next.publishAsync(topics.position('kulob-rescue-2'), JSON.stringify(fix), { qos: 1 });
		await waitFor(
			'the next client to land',
			async () => (await teamOf('kulob-rescue-2'))?.lat === 37.9412
		);
		// The refused client may come back: only its packet was refused, not the device.
		const again = await connectTo(url, creds.one);
		expect(again.connected).toBe(true);
	});

	it("refuses a second credential on a device's client id, and its own username as an id", async () => {
		const own = await connectTo(url, { ...creds.one, clientId: 'tablet-edge', clean: false });
		const granted = await own.subscribeAsync(topics.tasking('kulob-rescue-1'), { qos: 1 });
		expect(granted.map((g) => g.qos)).toEqual([1]);
		await end(own);
		const other = { ...creds.two, clean: false };
		expect(await refusalCode(url, { ...other, clientId: 'tablet-edge' })).toBe(2);
		expect(await refusalCode(url, { ...other, clientId: creds.one.username })).toBe(2);
		await waitFor('the log line', () =>
			app.output().includes('holds the session of another credential')
		);
		const back = await connectTo(url, { ...creds.one, clientId: 'tablet-edge', clean: false });
		expect(back.connected).toBe(true);
	});

	it("dead-letters Meshtastic traffic a device relays for another team's node", async () => {
		const node = parseInt(`b2${randomBytes(3).toString('hex')}`, 16);
		const nodeId = `meshtastic:!${node.toString(16).padStart(8, '0')}`;
		const gw = (g: string) => `msh/EU_868/2/json/LongFast/!${g}`;
		const packet = (id: number, lat: number, time = now()) => ({
			id,
			timestamp: now(),
			to: 0xffffffff,
			from: node,
			channel: 0,
			type: 'position',
			sender: '!0badc0de',
			payload: { latitude_i: Math.round(lat * 1e7), longitude_i: 697700000, time }
		});
		// Unmapped, a node waits in the queue whoever relays it; an operator maps it to team two.
		const two = await connectTo(url, creds.two);
		await two.publishAsync(gw('0badc0de'), JSON.stringify(packet(1, 37.91, now() - 30)), {
			qos: 1
		});
		const operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		await waitFor('the node in the registry', async () =>
			(await (await operator.get('/console/devices')).text()).includes(nodeId)
		);
		const mapped = await operator.post('/console/devices?/map', {
			deviceId: nodeId,
			teamId: 'kulob-rescue-2'
		});
		expect(mapped.status).toBe(200);

		const one = await connectTo(url, creds.one);
		await one.publishAsync(gw('a0b0c0d0'), JSON.stringify(packet(2, 37.95, now() - 20)), {
			qos: 1
		});
		const [letter] = await waitFor('the dead letter', async () => {
			const l = await lettersFor(gw('a0b0c0d0'));
			return l.length > 0 && l;
		});
		expect(letter.sender).toBe(`device:${creds.one.username}`);
		expect(letter.detail).toBe(
			`device ${creds.one.username} of team kulob-rescue-1 may not relay Meshtastic node ` +
				`${nodeId}: it is mapped to team kulob-rescue-2`
		);
		expect((await teamOf('kulob-rescue-2'))?.lat).not.toBe(37.95);
		// Its own team's gateway still moves it.
		await two.publishAsync(gw('0badc0de'), JSON.stringify(packet(3, 37.96, now() - 10)), {
			qos: 1
		});
		await waitFor('team two to move', async () => (await teamOf('kulob-rescue-2'))?.lat === 37.96);
	});
});

describe(`MQTT over WebSocket when configured (${REAL ? 'PostgreSQL' : 'PGlite'})`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let wsUrl: string;
	const page = 'https://eoc.example.tj';

	beforeAll(async () => {
		db = await freshDatabase();
		const wsPort = await freePort();
		wsUrl = `ws://127.0.0.1:${wsPort}`;
		app = await startApp({
			...db.env,
			MQTT_PORT: String(await freePort()),
			MQTT_WS_PORT: String(wsPort),
			MQTT_DEVICE_AUTH: 'on',
			ORIGIN: page
		});
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it("refuses a page of another origin, and asks the app's own page and other clients for credentials", async () => {
		const status = await new Promise<number | undefined>((resolve) => {
			const ws = new WebSocket(wsUrl, 'mqtt', { origin: 'https://evil.example' });
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
			ws.once('open', () => resolve(101));
		});
		expect(status).toBe(403);
		await waitFor('the log line', () => app.output().includes('origin not in MQTT_WS_ORIGINS'));
		expect(await refusalCode(wsUrl, { wsOptions: { origin: page } })).toBe(4);
		expect(await refusalCode(wsUrl)).toBe(4);
	});
});

/**
 * What the app does with what a broker lets through: on PGlite with the embedded broker (its
 * packet limit raised) and on PostgreSQL with the machine's Mosquitto, which has no size limit.
 */
describe(`oversized payloads and pending bytes in the ingest, on ${BACKEND}`, () => {
	const run = randomBytes(3).toString('hex');
	let db: TestDatabase;
	let app: RunningApp;
	let client: MqttClient;

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		app = await startApp({
			...db.env,
			...env,
			MQTT_MAX_PACKET_BYTES: String(2 * MIB),
			// A few messages' worth: the broker is made to wait again and again, and nothing is lost.
			INGEST_MAX_PENDING_BYTES: '4096'
		});
		client = await connectTo(env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`);
	});
	afterAll(async () => {
		if (client) await end(client);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('keeps the first 4 KiB of a 1 MiB payload in its dead letter, with its size and SHA-256', async () => {
		const topic = topics.position(`big-${run}`);
		const payload = Buffer.concat([
			Buffer.from(`{"msgId":"big-${run}","note":"`),
			Buffer.alloc(MIB, 'y')
		]);
		await client.publishAsync(topic, payload, { qos: 1 });
		const letter = await waitFor('the dead letter', async () =>
			(await app.getJson<DeadLetter[]>('/api/v1/dead-letters?reason=too_large')).find(
				(l) => l.topic === topic
			)
		);
		expect(letter.payloadBytes).toBe(payload.length);
		expect(letter.payloadSha256).toBe(createHash('sha256').update(payload).digest('hex'));
		expect(letter.payloadTruncated).toBe(true);
		expect(letter.payload).toBe(payload.subarray(0, 4096).toString());
	});

	it('stores every message of a burst larger than the pending bytes allowed', async () => {
		const ids = Array.from({ length: 200 }, (_, i) => `pb-${run}-${i}`);
		const payloads = ids.map((id) => JSON.stringify(validPosition({ msgId: id })));
		// The burst is several times the bound: the ingest must make the broker wait, not drop.
		expect(payloads.join('').length).toBeGreaterThan(3 * 4096);
		await Promise.all(
			ids.map((id, i) => client.publishAsync(topics.position(id), payloads[i], { qos: 1 }))
		);
		await waitFor('every team', async () => {
			const teams = new Set((await app.getJson<TeamView[]>('/api/v1/teams')).map((t) => t.id));
			return ids.every((id) => teams.has(id));
		});
	});
});
