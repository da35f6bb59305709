import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { taskingPayloadSchema, topics } from '$lib/contracts';
import { validStatus } from '$lib/contracts/testing';
import type { IncidentView, TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, incidentForm, testId } from './helpers/client';
import { startMosquitto, type Mosquitto } from './helpers/mosquitto';
import { connect } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

/**
 * The field app's transport (#16): MQTT over WebSocket with the device credential, from the app's
 * own origin. Embedded broker: `/mqtt` on the app's port, with its Origin rule; Mosquitto: the
 * shipped config's websockets listener (what the proxy's `/mqtt` route reaches), with its
 * password file and ACL, while the app's own `/mqtt` refuses and points there.
 */
const RUN = randomBytes(3).toString('hex');
const TEAM = `ws-rescue-${RUN}`;
const OTHER = `ws-medic-${RUN}`;
const APP_PASSWORD = randomBytes(9).toString('hex');
const DEVICE_PASSWORD = randomBytes(12).toString('hex');

/** The HTTP status a WebSocket handshake gets (101: opened), as a browser would send it. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const s = new WebSocket(url, ['mqtt'], { headers });
		s.on('open', () => (s.terminate(), resolve(101)));
		s.on('unexpected-response', (_req, res) => (res.resume(), resolve(res.statusCode ?? 0)));
		s.on('error', () => resolve(-1));
	});
}

describe(`MQTT over WebSocket with a device credential, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let mosquitto: Mosquitto | null = null;
	let app: RunningApp;
	/** Where the device's browser opens MQTT over WebSocket. */
	let wsUrl: string;
	let account: { username: string; password: string };
	let device: MqttClient | null = null;
	const received: [string, string][] = [];
	let admin: FormClient;

	const team = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);

	beforeAll(async () => {
		db = await freshDatabase();
		let mqtt: Record<string, string>;
		if (REAL) {
			mosquitto = await startMosquitto({
				accounts: { eocwall: APP_PASSWORD, [TEAM]: DEVICE_PASSWORD }
			});
			const { MQTT_CLIENT_ID } = await mqttEnv();
			mqtt = {
				MQTT_URL: `mqtt://eocwall:${APP_PASSWORD}@127.0.0.1:${mosquitto.port}`,
				MQTT_CLIENT_ID
			};
		} else {
			mqtt = { ...(await mqttEnv()), MQTT_DEVICE_AUTH: 'on' };
		}
		app = await startApp({ ...db.env, ...mqtt, LOG_LEVEL: 'info' });
		wsUrl = mosquitto ? mosquitto.wsUrl : `ws://127.0.0.1:${app.port}/mqtt`;
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		for (const [id, callsign] of [
			[TEAM, 'Rescue WS'],
			[OTHER, 'Medic WS']
		]) {
			const r = await admin.post('/admin/devices?/team', { id, callsign, kind: 'rescue' });
			expect(r.status).toBe(200);
		}
		if (REAL) {
			account = { username: TEAM, password: DEVICE_PASSWORD };
		} else {
			// Issued as an admin does it, at /admin/devices.
			const r = await admin.post('/admin/devices?/issue', { teamId: TEAM, name: 'Phone 1' });
			expect(r.status).toBe(200);
			const html = await r.text();
			account = {
				username: testId(html, 'device-username'),
				password: testId(html, 'device-password')
			};
		}
	});
	afterAll(async () => {
		device?.end(true);
		await app?.kill('SIGTERM');
		await mosquitto?.stop();
		await db?.drop();
	});

	it('refuses a wrong password at CONNECT', async () => {
		const code = await connect(wsUrl, undefined, {
			username: account.username,
			password: 'not-the-password',
			reconnectPeriod: 0
		}).then(
			(c) => (c.end(true), 0),
			(e: Error & { code?: number }) => e.code
		);
		// 4: bad username or password (the embedded broker); 5: not authorized (Mosquitto).
		expect(code).toBe(REAL ? 5 : 4);
	});

	it("publishes its team's status with QoS 1 over WebSocket; another team's is not stored", async () => {
		device = await connect(wsUrl, `phone-${RUN}`, { ...account, clean: false });
		device.on('message', (topic, payload) => received.push([topic, payload.toString()]));
		const pubacks: (number | undefined)[] = [];
		device.on('packetreceive', (p) => p.cmd === 'puback' && pubacks.push(p.messageId));
		const otherBefore = await team(OTHER);
		const ts = new Date(Date.now() + 1000).toISOString();
		const status = (s: string) =>
			JSON.stringify(
				validStatus({ status: s, incidentId: undefined, lat: undefined, lon: undefined, ts })
			);
		// Acknowledged (PUBACK) on both brokers, never stored.
		await device.publishAsync(topics.status(OTHER), status('out_of_service'), { qos: 1 });
		const sent = await device.publishAsync(topics.status(TEAM), status('out_of_service'), {
			qos: 1
		});
		expect(pubacks).toContain(sent?.messageId);
		await waitFor('the status row', async () => (await team(TEAM))?.status === 'out_of_service');
		expect(await team(OTHER)).toEqual(otherBefore);
		if (!REAL) {
			// The embedded broker counts its connections by transport: this device's is a WebSocket.
			const open = () => app.fetch('/metrics').then((r) => r.text());
			await waitFor('the connection gauge', async () =>
				(await open()).includes('eocwall_mqtt_connections{transport="websocket"} 1')
			);
		}
	});

	it('subscribes to its own taskings and receives one an operator sends', async () => {
		const [own] = await device!.subscribeAsync(topics.tasking(TEAM), { qos: 1 });
		expect(own.qos).toBe(1);
		const operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		const create = await operator.post(
			'/console?/create',
			incidentForm({
				title: `Flood over WebSocket ${RUN}`,
				lat: '37.93',
				lon: '69.79',
				people: '5',
				households: '1'
			})
		);
		expect(create.status).toBe(200);
		const incidents = await app.getJson<IncidentView[]>('/api/v1/incidents');
		const incidentId = incidents.find((i) => i.title.endsWith(RUN))?.id ?? '';
		const r = await operator.post(`/console/incidents/${incidentId}?/assign`, {
			teamId: TEAM,
			message: 'Check the bridge',
			priority: '1'
		});
		expect(r.status).toBe(200);
		await waitFor('the tasking at the device', () => received.length > 0, 15_000);
		expect(received.map(([topic]) => topic)).toEqual([topics.tasking(TEAM)]);
		expect(taskingPayloadSchema.parse(JSON.parse(received[0][1]))).toMatchObject({
			incidentId,
			message: 'Check the bridge'
		});
	});

	it("takes a page of the app's own origin, refuses a foreign one and any other path", async () => {
		const own = `ws://127.0.0.1:${app.port}`;
		if (REAL) {
			// The proxy routes /mqtt to Mosquitto: the app itself says so, and serves on.
			expect(await handshake(`${own}/mqtt`)).toBe(404);
			await waitFor('the one log line', () => app.output().includes('/mqtt refused: '));
		} else {
			expect(await handshake(`${own}/mqtt`, { origin: app.url })).toBe(101);
			expect(await handshake(`${own}/mqtt`, { origin: 'https://evil.example' })).toBe(403);
		}
		expect(await handshake(`${own}/`)).toBe(404);
		expect(await handshake(`${own}/api/v1/stream`)).toBe(404);
		expect((await app.fetch('/api/health')).status).toBe(200);
		expect(app.proc.exitCode).toBeNull();
	});
});

describe(`/mqtt without device credentials, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	beforeAll(async () => {
		db = await freshDatabase();
		// The defaults: the embedded broker on loopback takes anyone (MQTT_DEVICE_AUTH=off); or
		// the machine's Mosquitto (MQTT_URL), whose own listener the proxy would route to.
		app = await startApp({ ...db.env, ...(await mqttEnv()), LOG_LEVEL: 'info' });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('refuses /mqtt, says why once in the log, and serves on', async () => {
		const url = `ws://127.0.0.1:${app.port}/mqtt`;
		expect(await handshake(url)).toBe(404);
		expect(await handshake(url)).toBe(404);
		const why = REAL ? 'served by the external broker (MQTT_URL)' : 'set MQTT_DEVICE_AUTH=on';
		await waitFor('the log line', () => app.output().includes(why));
		expect(app.output().split('/mqtt refused: ').length).toBe(2);
		expect((await app.fetch('/api/health')).status).toBe(200);
	});
});
