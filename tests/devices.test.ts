import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validPosition, validReport } from '$lib/contracts/testing';
import type { TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { waitFor } from './helpers/ports';
import { insertResources, resourceStatus } from './helpers/resources';

type DeadLetter = { topic: string; reason: string; sender: string; msgId: string; detail: string };

/**
 * MQTT device credentials: an admin issues them at /admin/devices, and the embedded broker lets a
 * device publish only as its own team. The admin page runs on both backends. The broker's part
 * runs only where the app runs the broker: a Mosquitto (MQTT_URL) checks its own password file
 * and ACL, configured outside the app (docs/deploy.md), and the app refuses MQTT_DEVICE_AUTH=on
 * with MQTT_URL.
 */
describe(`device credentials, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqttUrl: string;
	let admin: FormClient;
	let issued: { username: string; password: string; id: string } | null = null;
	const devices: MqttClient[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		mqttUrl = env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`;
		// Equipment operated by two of the demo teams (a device reports for its own team's only).
		await insertResources(db.env, [
			{ id: 'test-exc-r1', teamId: 'kulob-rescue-1' },
			{ id: 'test-exc-r2', teamId: 'kulob-rescue-2' }
		]);
		// The demo region gives the teams; its feed, publishing as the app itself, must pass too.
		app = await startApp(
			{ ...db.env, ...env, EOC_SEED: 'demo', ...(REAL ? {} : { MQTT_DEVICE_AUTH: 'on' }) },
			{ healthTimeoutMs: 120_000 }
		);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	});
	afterAll(async () => {
		for (const d of devices) d.end(true);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	/** A device's connection; resolves on CONNACK, rejects with the refusal. */
	function connectDevice(options: IClientOptions): Promise<MqttClient> {
		const client = mqtt.connect(mqttUrl, { connectTimeout: 5000, ...options });
		devices.push(client);
		return new Promise((resolve, reject) => {
			client.once('connect', () => resolve(client));
			client.once('error', reject);
		});
	}
	const refusal = (options: IClientOptions) =>
		connectDevice({ reconnectPeriod: 0, ...options }).then(
			() => null,
			(e: Error & { code?: number }) => ({ message: e.message, code: e.code })
		);
	const deadLetters = () => app.getJson<DeadLetter[]>('/api/v1/dead-letters?reason=not_authorized');

	it('lets an admin issue a credential for a known team, shown once (both backends)', async () => {
		const page = await (await admin.get('/admin/devices')).text();
		expect(testId(page, 'device-enforcement')).toContain(
			REAL ? 'external broker' : 'accepts only these credentials'
		);
		const unknown = await admin.post('/admin/devices?/issue', { teamId: 'no-such', name: 'X' });
		expect(unknown.status).toBe(400);
		expect(testId(await unknown.text(), 'admin-problem')).toBe('Choose one of the teams.');
		const r = await admin.post('/admin/devices?/issue', {
			teamId: 'kulob-rescue-1',
			name: 'Планшет <b>1</b>'
		});
		expect(r.status).toBe(200);
		const html = await r.text();
		const username = testId(html, 'device-username');
		const password = testId(html, 'device-password');
		expect(username).toMatch(/^kulob-rescue-1\.[a-z2-7]{8}$/);
		expect(password).toMatch(/^eoc_m_[a-z2-7]{32}$/);
		expect(html).toContain('eoc/v1/teams/kulob-rescue-1/position');

		const list = await (await admin.get('/admin/devices')).text();
		expect(list).toContain(username);
		expect(list).toContain('Планшет &lt;b>1&lt;/b>');
		expect(list).not.toContain(password);
		const id = /name="id" value="([a-z2-7]+)"/.exec(list)?.[1];
		expect(id).toBeTruthy();
		issued = { username, password, id: id as string };
	});

	it.skipIf(REAL)(
		'refuses a wrong password and no credentials (embedded broker only)',
		async () => {
			expect(issued).not.toBeNull();
			const expected = { message: 'Connection refused: Bad username or password', code: 4 };
			expect(await refusal({ username: issued?.username, password: 'eoc_m_wrong' })).toEqual(
				expected
			);
			expect(await refusal({})).toEqual(expected);
		}
	);

	it.skipIf(REAL)(
		"stores a device's own position, and acks but dead-letters another team's, without a reconnect loop (embedded broker only)",
		async () => {
			const { username, password } = issued as NonNullable<typeof issued>;
			const device = await connectDevice({
				username,
				password,
				clientId: 'tablet-1',
				clean: false,
				reconnectPeriod: 500
			});
			let connects = 1;
			device.on('connect', () => connects++);

			// ts ahead of the demo feed's, so that its next fixes do not move the team meanwhile.
			const ts = new Date(Date.now() + 120_000).toISOString();
			const own = validPosition({ lat: 37.9321, lon: 69.7654, ts });
			await device.publishAsync(topics.position('kulob-rescue-1'), JSON.stringify(own), { qos: 1 });
			const team = await waitFor('the position to be stored', async () =>
				(await app.getJson<TeamView[]>('/api/v1/teams')).find(
					(t) => t.id === 'kulob-rescue-1' && t.lat === 37.9321
				)
			);
			expect(team.lon).toBe(69.7654);

			// PUBACK for both (publishAsync resolves on it), and no disconnect.
			const other = validPosition({ msgId: 'spoof-1' });
			await device.publishAsync(topics.position('kulob-rescue-2'), JSON.stringify(other), {
				qos: 1
			});
			const asOther = validReport({ msgId: 'spoof-2', reporter: 'kulob-rescue-2' });
			await device.publishAsync(topics.incidentReport(), JSON.stringify(asOther), { qos: 1 });
			const letters = await waitFor('two dead letters', async () => {
				const rows = await deadLetters();
				return rows.length >= 2 && rows;
			});
			expect(letters.map((l) => [l.topic, l.msgId, l.sender]).sort()).toEqual([
				[topics.incidentReport(), 'spoof-2', `device:${username}`],
				[topics.position('kulob-rescue-2'), 'spoof-1', `device:${username}`]
			]);
			expect(letters.find((l) => l.msgId === 'spoof-2')?.detail).toContain(
				'may not report as "kulob-rescue-2"'
			);
			// Still on the first connection, and nothing redelivered: exactly those two letters.
			await new Promise((r) => setTimeout(r, 2000));
			expect(device.connected).toBe(true);
			expect(connects).toBe(1);
			expect(await deadLetters()).toHaveLength(2);
			const teams = await app.getJson<TeamView[]>('/api/v1/teams');
			expect(teams.find((t) => t.id === 'kulob-rescue-2')?.lat).not.toBe(other.lat);
			// The app's own client (the demo feed) still publishes for every demo team.
			const fresh = (t: TeamView) => Date.now() - Date.parse(t.positionTs ?? '') < 30_000;
			await waitFor('demo positions', async () =>
				(await app.getJson<TeamView[]>('/api/v1/teams'))
					.filter((t) => t.id === 'kulob-rescue-2')
					.every(fresh)
			);

			const metrics = await (await app.fetch('/metrics')).text();
			expect(metrics).toContain('eocwall_mqtt_refused_total{reason="topic"} 1');
			expect(metrics).toContain('eocwall_mqtt_refused_total{reason="sender"} 1');
			expect(metrics).toMatch(/eocwall_mqtt_refused_total\{reason="bad_credentials"\} [1-9]/);
			const list = await (await admin.get('/admin/devices')).text();
			expect(list).not.toMatch(/<td>never<\/td>/); // last seen
		}
	);

	it.skipIf(REAL)(
		"takes a device's status of its team's resource, refuses another team's (embedded broker only)",
		async () => {
			const { username, password } = issued as NonNullable<typeof issued>;
			const device = await connectDevice({ username, password, reconnectPeriod: 0 });
			const own = resourceStatus({ msgId: 'rs-own', status: 'on_scene' });
			const other = resourceStatus({ msgId: 'rs-other', status: 'out_of_service' });
			await device.publishAsync(topics.resourceStatus('test-exc-r1'), JSON.stringify(own), {
				qos: 1
			});
			await device.publishAsync(topics.resourceStatus('test-exc-r2'), JSON.stringify(other), {
				qos: 1
			});
			const letter = await waitFor('the refused status', async () =>
				(await deadLetters()).find((l) => l.msgId === 'rs-other')
			);
			expect(letter).toMatchObject({
				topic: topics.resourceStatus('test-exc-r2'),
				sender: `device:${username}`,
				detail: expect.stringContaining('it is operated by team kulob-rescue-2')
			});
			expect((await deadLetters()).map((l) => l.msgId)).not.toContain('rs-own');
			const metrics = await (await app.fetch('/metrics')).text();
			expect(metrics).toContain(
				'eocwall_ingest_messages_total{family="resource_status",outcome="stored"} 1'
			);
			expect(metrics).toContain('eocwall_mqtt_refused_total{reason="topic"} 2');
			device.end(true);
		}
	);

	it('revokes a credential, audited (both backends; the disconnect on the embedded broker only)', async () => {
		const { username, password, id } = issued as NonNullable<typeof issued>;
		const live = REAL ? null : devices.find((d) => d.options.clientId === 'tablet-1');
		const refused = live
			? new Promise<number | undefined>((r) =>
					live.on('error', (e: Error & { code?: number }) => r(e.code))
				)
			: null;
		const r = await admin.post('/admin/devices?/revoke', { id });
		expect(r.status).toBe(200);
		expect(await (await admin.get('/admin/devices')).text()).toContain('revoked');
		expect((await admin.post('/admin/devices?/revoke', { id })).status).toBe(404);
		const audit = await (await admin.get('/admin/audit')).text();
		expect(audit).toContain('device-issue');
		expect(audit).toContain('device-revoke');
		if (REAL) return;
		// The broker closed its connection; mqtt.js reconnects and is refused.
		expect(await refused).toBe(4);
		expect(await refusal({ username, password })).toMatchObject({ code: 4 });
	});
});
