import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESHTASTIC_BROADCAST, topics } from '$lib/contracts';
import { validPosition } from '$lib/contracts/testing';
import type { AlarmView, IncidentView, Snapshot, TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { insertResources } from './helpers/resources';
import { SseClient } from './helpers/sse';

type DeadLetter = { topic: string; reason: string; sender: string | null; detail: string };

/**
 * The device adapters end to end (docs/interop.md): OwnTracks and Meshtastic JSON over the app's
 * broker, the registry's queue, mapping, and dead letters. Payloads follow the OwnTracks booklet
 * (https://owntracks.org/booklet/tech/json/) and the Meshtastic firmware's JSON serializer
 * (src/serialization/MeshPacketSerializer.cpp). Names are random: the real backend's Mosquitto
 * is shared with other runs.
 */
describe(`device adapters, on ${BACKEND}`, () => {
	const run = randomBytes(3).toString('hex');
	const team = `ot-${run}`;
	const phone = `owntracks/alice-${run}/phone`;
	const phoneId = `owntracks:alice-${run}/phone`;
	const node = parseInt(`a1${run}`, 16); // !a1xxxxxx
	// A dump truck of the register, and the OwnTracks tracker in its cab.
	const truck = `truck-${run}`;
	const tracker = `owntracks/tracker-${run}/cab`;
	const trackerId = `owntracks:tracker-${run}/cab`;
	const nodeId = `meshtastic:!${node.toString(16).padStart(8, '0')}`;
	const gw = (id: string) => `msh/EU_868/2/json/LongFast/!${id}`;
	const now = () => Math.floor(Date.now() / 1000);
	let db: TestDatabase;
	let app: RunningApp;
	let client: MqttClient;
	let operator: FormClient;

	const publish = (topic: string, body: unknown, retain = false) =>
		client.publishAsync(topic, typeof body === 'string' ? body : JSON.stringify(body), {
			qos: 1,
			retain
		});
	const teamNow = async () =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === team);
	/** How many of a device's messages wait in the queue (null: not in the queue). */
	const waiting = async (deviceId: string) => {
		const text = testId(
			await (await operator.get('/console/devices')).text(),
			`waiting-${deviceId}`
		);
		return text === '' ? null : Number(text);
	};
	/** The registry page's row of a device, as text. */
	const registryRow = async (deviceId: string) => {
		const html = await (await operator.get('/console/devices')).text();
		const row = html.split('<tr').find((r) => r.includes(`<code>${deviceId}</code>`));
		return row?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? null;
	};

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		await insertResources(db.env, [
			{ id: truck, kindId: 'dump_truck' },
			{ id: `drill-truck-${run}`, exercise: 'ex-1' }
		]);
		app = await startApp({ ...db.env, ...env });
		client = await connect(env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`);
		operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		// The team, an hour ago, through eocwall's own topic.
		await publish(
			topics.position(team),
			validPosition({ lat: 37.8, lon: 69.7, ts: (now() - 3600) * 1000 })
		);
		await waitFor('the team', teamNow);
	});
	afterAll(async () => {
		// Clears the retained location on a shared broker (dead-lettered by this app as not_json).
		await publish(phone, '', true).catch(() => {});
		if (client) await end(client);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('keeps an unmapped phone in the queue, and mapping places its kept positions', async () => {
		const t1 = now() - 600;
		const t2 = now() - 300;
		await publish(phone, { _type: 'location', lat: 37.91, lon: 69.78, tst: t1, batt: 80 });
		// As the Android app sends it: QoS 1, retained.
		await publish(phone, { _type: 'location', lat: 37.92, lon: 69.79, tst: t2, vel: 36 }, true);
		await waitFor('the phone in the queue', async () => (await waiting(phoneId)) === 2);
		expect(await registryRow(phoneId)).toContain('37.9200, 69.7900');
		expect((await teamNow())?.lat).toBe(37.8);

		const mapped = await operator.post('/console/devices?/map', {
			deviceId: phoneId,
			teamId: team
		});
		expect(mapped.status).toBe(200);
		expect(await mapped.text()).toContain('2 kept positions placed');
		const moved = await teamNow();
		expect([moved?.lat, moved?.lon]).toEqual([37.92, 69.79]);
		expect(moved?.positionTs && Date.parse(moved.positionTs)).toBe(t2 * 1000);
		expect(moved?.speedMps).toBe(10);

		const again = await operator.post('/console/devices?/map', { deviceId: phoneId, teamId: team });
		expect(again.status).toBe(409);
	});

	it('moves the mapped team by tst: a late location never moves it back; an lwt is logged', async () => {
		const t3 = now() - 60;
		await publish(phone, { _type: 'location', lat: 37.93, lon: 69.8, tst: t3 });
		await waitFor('the team to move', async () => (await teamNow())?.lat === 37.93);
		await publish(phone, { _type: 'location', lat: 37.5, lon: 69.5, tst: t3 - 1800 }, true);
		await publish(phone, { _type: 'lwt', tst: t3 - 7200 });
		const row = await waitFor('the lost connection', async () => {
			const r = await registryRow(phoneId);
			return r?.includes('lost at') ? r : null;
		});
		expect(row).toContain(team);
		expect((await teamNow())?.lat).toBe(37.93);
		const log = await (await operator.get('/console/log')).text();
		expect(log).toContain('connection lost (OwnTracks last will)');
	});

	it('stores a Meshtastic packet relayed by two gateways once; a report text is an incident', async () => {
		const packet = (id: number, type: string, payload: unknown, sender: string) => ({
			id,
			timestamp: now(),
			to: MESHTASTIC_BROADCAST,
			from: node,
			channel: 0,
			type,
			sender: `!${sender}`,
			payload
		});
		const fix = { latitude_i: 379000000, longitude_i: 697700000, time: now() - 10 };
		const report = { text: `RPT road_blocked 3 Mud on the road ${run}` };
		for (const g of ['0badc0de', 'a0b0c0d0']) {
			await publish(gw(g), packet(7001, 'position', fix, g));
			await publish(gw(g), packet(7002, 'text', report, g));
		}
		await publish(gw('0badc0de'), packet(7003, 'text', { text: `Road clear ${run}` }, '0badc0de'));
		// In order on one subscription: once the last is in, the relays before it are too.
		await waitFor('the last text in the log', async () =>
			(await (await operator.get('/console/log')).text()).includes(`Road clear ${run}`)
		);
		// Kept once each: one position, one report, one text.
		expect(await waiting(nodeId)).toBe(3);
		const incidents = await app.getJson<IncidentView[]>('/api/v1/incidents');
		const filed = incidents.filter((i) => i.title === `Mud on the road ${run}`);
		expect(filed).toHaveLength(1);
		expect(filed[0]).toMatchObject({ type: 'road_blocked', severity: 3, status: 'reported' });
	});

	it("a mapped node's SOS text raises its team's emergency alarm; an unmapped one's is only logged", async () => {
		const text = (id: number, body: string) => ({
			id,
			timestamp: now(),
			to: MESHTASTIC_BROADCAST,
			from: node,
			type: 'text',
			sender: '!0badc0de',
			payload: { text: body }
		});
		const emergencies = async () =>
			(await app.getJson<AlarmView[]>('/api/v1/alarms')).filter(
				(a) => a.ruleKind === 'team_emergency'
			);
		await publish(gw('0badc0de'), text(7004, `SOS lost at the ford ${run}`));
		await waitFor('the unmapped SOS in the log', async () =>
			(await (await operator.get('/console/log')).text()).includes(
				`SOS lost at the ford ${run} (SOS from a device of no team: no alarm raised)`
			)
		);
		expect(await emergencies()).toEqual([]);

		const mapped = await operator.post('/console/devices?/map', { deviceId: nodeId, teamId: team });
		expect(mapped.status).toBe(200);
		await publish(gw('0badc0de'), text(7005, 'SOS trapped at bridge'));
		const alarm = await waitFor('the team emergency alarm', async () =>
			(await emergencies()).find((a) => a.subjectId === team)
		);
		expect(alarm).toMatchObject({ subjectKind: 'team', level: 'danger', clearedAt: null });
		expect(alarm.detail).toMatchObject({ device: nodeId, text: 'SOS trapped at bridge' });
		// The text itself still lands in the log, under the team.
		const log = await (await operator.get('/console/log')).text();
		expect(log).toContain('SOS trapped at bridge');
	});

	it('binds a tracker to a resource: its kept and new fixes move the resource by tst, audited', async () => {
		/** The resource as a wall's snapshot shows it now. */
		const resourceNow = async () => {
			const sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
			const snap = await sse.waitFor((e) => e.event === 'snapshot');
			await sse.close();
			return (JSON.parse(snap.data) as Snapshot).resources.find((r) => r.id === truck);
		};
		const t1 = now() - 900;
		const t2 = now() - 600;
		await publish(tracker, { _type: 'location', lat: 37.81, lon: 69.71, tst: t1, batt: 55 });
		await publish(tracker, { _type: 'location', lat: 37.82, lon: 69.72, tst: t2 });
		await waitFor('the tracker in the queue', async () => (await waiting(trackerId)) === 2);

		const refused = [
			[{ deviceId: trackerId, resourceId: 'no-such-truck' }, 400, 'Choose one of the resources'],
			[{ deviceId: trackerId, resourceId: `drill-truck-${run}` }, 409, ''],
			[{ deviceId: trackerId, resourceId: 'not an id' }, 400, 'Choose one of the resources']
		] as const;
		for (const [body, status, says] of refused) {
			const r = await operator.post('/console/devices?/bind', body);
			expect(r.status, body.resourceId).toBe(status);
			expect(await r.text()).toContain(says);
		}
		const bound = await operator.post('/console/devices?/bind', {
			deviceId: trackerId,
			resourceId: truck
		});
		expect(bound.status).toBe(200);
		expect(await bound.text()).toContain(`bound to Test ${truck}; 2 kept positions placed`);
		expect(await resourceNow()).toMatchObject({
			lat: 37.82,
			lon: 69.72,
			positionTs: new Date(t2 * 1000).toISOString()
		});
		expect(await registryRow(trackerId)).toContain(`Resource: Test ${truck}`);
		expect(await registryRow(trackerId)).toContain('55 %'); // the battery stays the device's
		const again = await operator.post('/console/devices?/bind', {
			deviceId: trackerId,
			resourceId: truck
		});
		expect(again.status).toBe(409);

		// A late fix never moves it back (the transition after it shows it was taken); a new one does.
		await publish(tracker, { _type: 'location', lat: 37.5, lon: 69.5, tst: t1 - 60 });
		await publish(`${tracker}/event`, {
			_type: 'transition',
			event: 'enter',
			desc: `Depot ${run}`,
			tst: now() - 45
		});
		await waitFor('the transition in the log', async () =>
			(await (await operator.get('/console/log')).text()).includes(`entered Depot ${run}`)
		);
		expect(await (await operator.get('/console/log')).text()).toContain(
			`${trackerId} (resource ${truck})`
		);
		expect((await resourceNow())?.lat).toBe(37.82);
		await publish(tracker, { _type: 'location', lat: 37.83, lon: 69.73, tst: now() - 30 });
		await waitFor('the truck to move', async () => (await resourceNow())?.lat === 37.83);
		const admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		expect(await (await admin.get('/admin/audit')).text()).toContain('device-bind');
	});

	it('dead-letters malformed messages of each format with a reason, and keeps going', async () => {
		const bad: [string, unknown, string][] = [
			[phone, { _type: 'location', lon: 69.7, tst: now() }, 'schema'],
			[phone, { _type: 'location', lat: 37.9, lon: 69.7, tst: now() * 1000 }, 'schema'],
			[`${phone}/waypoints`, { _type: 'waypoints', waypoints: [] }, 'unsupported'],
			[`${phone}/event`, '{"_type": "transition",', 'not_json'],
			[`owntracks/alice-${run}`, { _type: 'location' }, 'unknown_topic'],
			[
				gw('0badc0de'),
				{
					id: 7100,
					from: node,
					to: 1,
					type: 'position',
					payload: { latitude_i: 0, longitude_i: 0 }
				},
				'no_fix'
			],
			[
				gw('0badc0de'),
				{ id: 7101, from: node, to: 1, type: 'traceroute', payload: {} },
				'unsupported'
			],
			[gw('0badc0de'), { id: 'x', from: node, to: 1, type: 'text' }, 'schema'],
			[`msh/EU_868/2/json/LongFast`, { id: 7102, from: node, to: 1, type: 'text' }, 'unknown_topic']
		];
		for (const [topic, body] of bad) await publish(topic, body);
		await publish(phone, { _type: 'location', lat: 37.94, lon: 69.81, tst: now() });
		await waitFor('the next good location', async () => (await teamNow())?.lat === 37.94);
		const letters = await app.getJson<DeadLetter[]>('/api/v1/dead-letters?limit=1000');
		for (const [topic, , reason] of bad) {
			const found = letters.filter((l) => l.topic === topic && l.reason === reason);
			expect(found.length, `${topic} ${reason}`).toBeGreaterThan(0);
			expect(found[0].detail.length).toBeGreaterThan(0);
		}
	});
});
