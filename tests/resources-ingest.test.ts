import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import type { ResourceView, Snapshot } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { insertResources, resourceStatus } from './helpers/resources';
import { SseClient } from './helpers/sse';

const json = (v: unknown) => JSON.stringify(v);
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

interface DeadLetter {
	topic: string;
	reason: string;
	detail: string;
	msgId: string | null;
}

describe(`resources reporting over MQTT, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttClient;
	let sse: SseClient;

	beforeAll(async () => {
		db = await freshDatabase();
		const mqtt = await mqttEnv();
		await insertResources(db.env, [
			{ id: 'exc-1' },
			{ id: 'exc-late' },
			{ id: 'exc-dup' },
			{ id: 'exc-drill', exercise: 'ex-kulob' }
		]);
		app = await startApp({ ...db.env, ...mqtt });
		pub = await connect(mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`);
		sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		await sse.waitFor((e) => e.event === 'snapshot');
	});
	afterAll(async () => {
		await sse?.close();
		if (pub) await end(pub);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	/** The resource as the stream last showed it. */
	const lastSeen = (id: string): ResourceView | undefined => {
		let seen: ResourceView | undefined;
		for (const e of sse.events) {
			if (e.event === 'snapshot')
				seen = (JSON.parse(e.data) as Snapshot).resources.find((r) => r.id === id) ?? seen;
			else if (e.event === 'resource' && JSON.parse(e.data).id === id) seen = JSON.parse(e.data);
		}
		return seen;
	};
	const deadLetters = (reason: string) =>
		app.getJson<DeadLetter[]>(`/api/v1/dead-letters?reason=${reason}`);
	const metric = async (family: string, outcome: string) => {
		const text = await (await app.fetch('/metrics')).text();
		const line = text
			.split('\n')
			.find((l) =>
				l.startsWith(`eocwall_ingest_messages_total{family="${family}",outcome="${outcome}"}`)
			);
		return line ? Number(line.split(' ').pop()) : 0;
	};

	it('takes a valid status onto the resource and streams it as a resource event', async () => {
		const payload = resourceStatus({
			status: 'en_route',
			lat: 37.93,
			lon: 69.79,
			fuelPct: 71,
			note: 'Крепость <b>road</b> open'
		});
		await publishAll(pub, [{ topic: topics.resourceStatus('exc-1'), payload: json(payload) }]);
		const ev = await sse.waitFor(
			(e) => e.event === 'resource' && JSON.parse(e.data).id === 'exc-1'
		);
		expect(JSON.parse(ev.data)).toMatchObject({
			id: 'exc-1',
			status: 'en_route',
			statusTs: payload.ts,
			lat: 37.93,
			lon: 69.79,
			positionTs: payload.ts,
			fuelPct: 71,
			note: 'Крепость <b>road</b> open',
			exercise: null
		});
	});

	it('dead-letters a malformed status with its reason, and one for a resource not in the register', async () => {
		const cases = [
			{ id: 'exc-1', body: resourceStatus({ status: 'flying' }), reason: 'schema', says: 'status' },
			{ id: 'exc-1', body: resourceStatus({ lon: undefined }), reason: 'schema', says: 'lon' },
			{
				id: 'exc-1',
				body: resourceStatus({
					status: undefined,
					lat: undefined,
					lon: undefined,
					fuelPct: undefined
				}),
				reason: 'schema',
				says: 'at least one of'
			},
			{ id: 'no-such', body: resourceStatus(), reason: 'unknown_resource', says: 'no-such' },
			{ id: 'exc-drill', body: resourceStatus(), reason: 'other_picture', says: 'ex-kulob' }
		];
		await publishAll(
			pub,
			cases.map((c) => ({ topic: topics.resourceStatus(c.id), payload: json(c.body) }))
		);
		for (const c of cases) {
			const dl = await waitFor(`${c.reason} for ${c.id}`, async () =>
				(await deadLetters(c.reason)).find((d) => d.msgId === c.body.msgId)
			);
			expect(dl.topic).toBe(topics.resourceStatus(c.id));
			expect(dl.detail).toContain(c.says);
		}
		// Nothing reached a wall: no resource was changed.
		const changed = sse.events
			.filter((e) => e.event === 'resource')
			.map((e) => JSON.parse(e.data).id);
		expect(changed).not.toContain('exc-drill');
		expect(changed).not.toContain('no-such');
	});

	it('never moves a resource back for a late message; each field goes by its own time', async () => {
		const topic = topics.resourceStatus('exc-late');
		await publishAll(pub, [
			{
				topic,
				payload: json(
					resourceStatus({ ts: ago(1000), status: 'on_scene', lat: 10, lon: 10, fuelPct: 50 })
				)
			}
		]);
		await waitFor('on scene', () => lastSeen('exc-late')?.status === 'on_scene');
		const late = resourceStatus({
			ts: ago(60_000),
			status: 'available',
			lat: 20,
			lon: 20,
			fuelPct: 90,
			note: 'late, yet the first note said'
		});
		await publishAll(pub, [{ topic, payload: json(late) }]);
		await waitFor('the late note', () => lastSeen('exc-late')?.note === late.note);
		expect(lastSeen('exc-late')).toMatchObject({
			status: 'on_scene',
			lat: 10,
			lon: 10,
			fuelPct: 50
		});
	});

	it('stores a duplicated message once', async () => {
		const stored = await metric('resource_status', 'stored');
		const duplicate = await metric('resource_status', 'duplicate');
		const payload = json(resourceStatus({ msgId: 'dup-1', status: 'returning' }));
		const topic = topics.resourceStatus('exc-dup');
		await publishAll(
			pub,
			[1, 2, 3].map(() => ({ topic, payload }))
		);
		await waitFor(
			'three taken',
			async () => (await metric('resource_status', 'duplicate')) === duplicate + 2
		);
		expect(await metric('resource_status', 'stored')).toBe(stored + 1);
		expect(lastSeen('exc-dup')?.status).toBe('returning');
	});
});
