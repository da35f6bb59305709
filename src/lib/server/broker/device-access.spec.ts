import type { IClientOptions, MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { createBrokerSource } from '../ingest/broker-source';
import type { Incoming } from '../ingest/source';
import type { BrokerAuth } from './device-access';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded';
import { connectOnce, refusedCount } from './testing';

/**
 * The embedded broker with device credentials, on a real socket, with the ingest's door in front
 * of a writer that "commits" at once: what a device sees of a refusal, and what subscribers see.
 */
const DEVICE = { id: 'c1', username: 'team-a.abcd2345', teamId: 'team-a' };
const SECRET = 'eoc_m_' + 'a'.repeat(32);
const OTHER = { id: 'c2', username: 'team-b.efgh2345', teamId: 'team-b' };
const INTERNAL = { username: 'eocwall', password: 'internal-secret' };
const auth: BrokerAuth = {
	authenticate: async (username, password) => {
		const pw = password?.toString();
		if (username === INTERNAL.username && pw === INTERNAL.password) return 'internal';
		if (pw !== SECRET) return null;
		return [DEVICE, OTHER].find((d) => d.username === username) ?? null;
	},
	seen: () => {},
	// The resources each team operates (broker/resource-teams.ts keeps this from the database).
	teamOfResource: (id) => ({ 'exc-a': 'team-a', 'exc-b': 'team-b' })[id] ?? null
};

let broker: EmbeddedBroker;
const taken: Incoming[] = [];
const clients: MqttClient[] = [];
const ts = () => new Date().toISOString();

const connect = (options: IClientOptions) =>
	connectOnce(`mqtt://127.0.0.1:${broker.port}`, options, clients);

beforeAll(async () => {
	const door = createBrokerSource(
		(msg) => {
			taken.push(msg);
			setImmediate(msg.ack); // the commit
		},
		() => false,
		auth.teamOfResource
	);
	broker = await startEmbeddedBroker({
		host: '127.0.0.1',
		port: 0,
		wsPort: null,
		log: pino({ level: 'silent' }),
		auth,
		internalClientIds: ['eocwall-t'],
		onPublish: door.onPublish
	});
});
afterAll(async () => {
	for (const c of clients) c.end(true);
	await broker?.close();
});

describe('embedded broker with device credentials', () => {
	it('refuses a wrong password and no credentials with "bad username or password"', async () => {
		const before = await refusedCount('bad_credentials');
		for (const options of [{ username: DEVICE.username, password: 'eoc_m_wrong' }, {}]) {
			const err = await connect(options).then(
				() => null,
				(e: Error & { code?: number }) => e
			);
			expect(err?.message).toBe('Connection refused: Bad username or password');
			expect(err?.code).toBe(4);
		}
		expect(await refusedCount('bad_credentials')).toBe(before + 2);
	});

	it("acknowledges a publish to another team's topic, dead-letters it, never forwards it", async () => {
		const watcher = await connect({ ...INTERNAL, clientId: 'watcher' });
		const seen: string[] = [];
		watcher.on('message', (topic) => seen.push(topic));
		await watcher.subscribeAsync('eoc/v1/#', { qos: 1 });

		const device = await connect({
			username: DEVICE.username,
			password: SECRET,
			clientId: 'device-a',
			clean: false
		});
		let connects = 1;
		device.on('connect', () => connects++);
		const before = await refusedCount('topic');
		const other = topics.position('team-b');
		const own = topics.position('team-a');
		const payload = (id: string) => JSON.stringify({ msgId: id, ts: ts(), lat: 37.9, lon: 69.7 });
		// QoS 1 resolves on PUBACK; QoS 2 on PUBCOMP; the retained copy must not be kept either.
		await device.publishAsync(other, payload('x-1'), { qos: 1 });
		await device.publishAsync(other, payload('x-2'), { qos: 2, retain: true });
		await device.publishAsync(own, payload('ok-1'), { qos: 1 });
		await expect.poll(() => seen).toEqual([own]);

		expect(await refusedCount('topic')).toBe(before + 2);
		const refused = taken.filter((m) => m.topic === other);
		expect(refused.map((m) => m.parsed)).toMatchObject([
			{ ok: false, reason: 'not_authorized', sender: `device:${DEVICE.username}`, msgId: 'x-1' },
			{ ok: false, reason: 'not_authorized', msgId: 'x-2' }
		]);
		expect(taken.find((m) => m.topic === own)?.parsed).toMatchObject({ ok: true });

		// No disconnect, no redelivery loop: the device stays on its first connection.
		await new Promise((r) => setTimeout(r, 300));
		expect(device.connected).toBe(true);
		expect(connects).toBe(1);
		expect(taken.filter((m) => m.topic === other)).toHaveLength(2);
		const late = await connect({ ...INTERNAL, clientId: 'late' });
		const retained: string[] = [];
		late.on('message', (topic) => retained.push(topic));
		await late.subscribeAsync(other, { qos: 1 });
		await new Promise((r) => setTimeout(r, 100));
		expect(retained).toEqual([]);
	});

	it("lets a device subscribe to its own team's taskings and its team's resources' only", async () => {
		const device = await connect({ username: DEVICE.username, password: SECRET });
		const granted = await device.subscribeAsync(
			[topics.tasking('team-a'), topics.resourceTasking('exc-a')],
			{ qos: 1 }
		);
		expect(granted.map((g) => g.qos)).toEqual([1, 1]);
		const before = await refusedCount('subscribe');
		for (const filter of ['eoc/v1/#', topics.resourceTasking('exc-b')]) {
			const refused = await device.subscribeAsync(filter, { qos: 1 }).then(
				() => null,
				(e: Error & { packet?: { granted: number[] } }) => e
			);
			expect(refused?.packet?.granted, filter).toEqual([128]);
		}
		expect(await refusedCount('subscribe')).toBe(before + 2);
		expect(device.connected).toBe(true);
	});

	it("takes a device's status of its team's resource, refuses another team's resource", async () => {
		const device = await connect({ username: DEVICE.username, password: SECRET });
		const before = await refusedCount('topic');
		const body = (id: string) => JSON.stringify({ msgId: id, ts: ts(), status: 'en_route' });
		await device.publishAsync(topics.resourceStatus('exc-a'), body('rs-own'), { qos: 1 });
		await device.publishAsync(topics.resourceStatus('exc-b'), body('rs-other'), { qos: 1 });
		await device.publishAsync(topics.resourceStatus('exc-none'), body('rs-none'), { qos: 1 });
		expect(await refusedCount('topic')).toBe(before + 2);
		const of = (id: string) => taken.find((m) => m.topic === topics.resourceStatus(id))?.parsed;
		expect(of('exc-a')).toMatchObject({ ok: true, message: { family: 'resource_status' } });
		expect(of('exc-b')).toMatchObject({
			ok: false,
			reason: 'not_authorized',
			msgId: 'rs-other',
			sender: `device:${DEVICE.username}`,
			detail: expect.stringContaining('operated by team team-b')
		});
		expect(of('exc-none')).toMatchObject({ ok: false, reason: 'not_authorized' });
	});

	it('closes the connections of a revoked device', async () => {
		const device = await connect({ username: DEVICE.username, password: SECRET });
		const closed = new Promise<void>((r) => device.once('close', () => r()));
		broker.disconnectDevice(DEVICE.id);
		await closed;
		expect(device.connected).toBe(false);
	});

	it("keeps a device's client id, its session and its queued taskings from any other credential", async () => {
		const tasking = topics.tasking('team-a');
		const own = { username: DEVICE.username, password: SECRET, clean: false };
		const first = await connect({ ...own, clientId: 'tablet-7' });
		await first.subscribeAsync(tasking, { qos: 1 });
		await first.endAsync();
		// Offline: a tasking queues in its session.
		const app = await connect({ ...INTERNAL, clientId: 'eocwall-t-tasking' });
		await app.publishAsync(tasking, JSON.stringify({ msgId: 'tk-1' }), { qos: 1 });

		const before = await refusedCount('client_id');
		const refusal = (options: IClientOptions) =>
			connect(options).then(
				() => null,
				(e: Error & { code?: number }) => e.code
			);
		const other = { username: OTHER.username, password: SECRET, clean: false };
		// The session's id, the device's own username as an id, and the app's reserved ids.
		expect(await refusal({ ...other, clientId: 'tablet-7' })).toBe(2);
		expect(await refusal({ ...other, clientId: `${DEVICE.username}/phone` })).toBe(2);
		expect(await refusal({ ...other, clientId: 'eocwall-t-tasking' })).toBe(2);
		expect(await refusedCount('client_id')).toBe(before + 3);
		// Its own username as an id is the device's to use; another credential's id is free to it.
		const named = await connect({ ...other, clientId: `${OTHER.username}-1`, clean: true });
		expect(named.connected).toBe(true);

		const back = await connect({ ...own, clientId: 'tablet-7' });
		const got = await new Promise<string>((r) => back.once('message', (_t, p) => r(String(p))));
		expect(JSON.parse(got)).toEqual({ msgId: 'tk-1' });
	});
});
