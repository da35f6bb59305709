import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validReading } from '$lib/contracts/testing';
import type { SensorView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';
import { startBroker, type Broker } from './helpers/broker';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

const T0 = Date.now() - 60_000;

describe(`a broker restart on ${BACKEND}`, () => {
	let broker: Broker;
	let db: TestDatabase;
	let app: RunningApp;
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await broker?.stop();
		await db?.drop();
	});

	const publish = async (n: number, from: number) => {
		const pub = await connect(broker.url, `pub-${randomBytes(3).toString('hex')}`);
		await publishAll(
			pub,
			Array.from({ length: n }, (_, i) => ({
				topic: topics.sensorReading('restart-s'),
				payload: JSON.stringify(
					validReading({ msgId: `b-${from + i}`, value: from + i, ts: T0 + from + i })
				)
			}))
		);
		await end(pub);
	};
	const health = async () => {
		const r = await fetch(`${app.url}/api/health`);
		return { status: r.status, body: (await r.json()) as { broker: { state: string } } };
	};

	it('reports the broker down, reconnects by itself, resubscribes and ingests again', async () => {
		broker = await startBroker();
		db = await freshDatabase();
		app = await startApp({
			...db.env,
			MQTT_URL: broker.url,
			MQTT_CLIENT_ID: `eocwall-br-${randomBytes(3).toString('hex')}`
		});
		await publish(100, 0);
		const stored = async () => {
			const s = await app.getJson<SensorView[]>(`/api/v1/sensors`);
			return s.find((x) => x.id === 'restart-s')?.lastValue;
		};
		await waitFor('first 100', async () => (await stored()) === 99);

		await broker.halt();
		const down = await waitFor(
			'health to report the broker down',
			async () => {
				const h = await health();
				return h.status === 503 ? h : null;
			},
			15_000,
			100
		);
		expect(down.body.broker.state).toBe('disconnected');
		await broker.restart();
		const back = await waitFor(
			'the app to reconnect',
			async () => {
				const h = await health();
				return h.status === 200 ? h : null;
			},
			30_000,
			200
		);
		expect(back.body.broker.state).toBe('connected');
		await publish(100, 100);
		await waitFor('100 more after the restart', async () => (await stored()) === 199);
		const text = await (await app.fetch(`/metrics`)).text();
		const n = Number(
			/eocwall_ingest_messages_total\{family="sensor_reading",outcome="stored"\} (\d+)/.exec(
				text
			)?.[1]
		);
		expect(n).toBe(200);
		expect(app.proc.exitCode).toBeNull();
	});
});
