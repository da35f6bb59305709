import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskingPayloadSchema, topics } from '$lib/contracts';
import { validPosition, validStatus } from '$lib/contracts/testing';
import type { HazardView, IncidentView, ResourceView, SensorView, TeamView } from '$lib/live/types';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { startMosquitto, type Mosquitto } from './helpers/mosquitto';
import { connect } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { seedPrincipals } from './helpers/principals';
import { resourceAcl, resourceStatus } from './helpers/resources';

/**
 * The configuration an EOC deploys, on both backends: device authentication on (the embedded
 * broker's own, or a Mosquitto with a password file and docs/mosquitto/eocwall.acl, started here),
 * EOC_SEED=none with the EOC's own teams, an https ORIGIN behind a TLS proxy that forwards the
 * client's address, several people. A credentialed device publishes and its rows land; an
 * operator's tasking reaches it; an alert goes out; a second operator signs in; a drill starts,
 * runs, pauses and resets; and the real picture is what the device and the operators made it.
 */
const ORIGIN = 'https://eoc.example.test';
const CLIENT_ADDRESS = '203.0.113.7';
/** What the TLS proxy in front of the app adds to every request (docs/deploy.md). */
const PROXY = {
	'x-forwarded-for': CLIENT_ADDRESS,
	'x-forwarded-proto': 'https',
	'x-forwarded-host': 'eoc.example.test'
};
const RUN = randomBytes(3).toString('hex');
const TEAM = `rescue-${RUN}`; // the device's team
const OTHER = `medic-${RUN}`;
const EX = `prod-drill-${RUN}`;
// Characters that must be percent-encoded in MQTT_URL, and must never reach a log line.
const APP_PASSWORD = `app:${randomBytes(9).toString('hex')}@/`;
const DEVICE_PASSWORD = randomBytes(12).toString('hex');
/** Resources of the register: the device's team operates one, the other team another; a tracker
 * account (Mosquitto) reports for the third. */
const RES = { own: `exc-${RUN}`, other: `pump-${RUN}`, tracked: `truck-${RUN}` };
const TRACKER = { username: `tracker-${RUN}`, password: randomBytes(12).toString('hex') };
const OPERATOR2 = { email: 'operator2@test.example.org', password: `pw-${RUN}-second` };

/**
 * The EOC's roster as it stands before the day starts (one team; the device's own team is added
 * at /admin/devices by the test, as an admin does), and a second operator.
 */
async function seedEoc(env: Record<string, string>) {
	const db = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		await db.query(
			`insert into team (id, callsign, kind, status, status_ts, lat, lon, position_ts)
			values ($1, 'Medical 1', 'medical', 'available', now(), 37.92, 69.77, now())`,
			[OTHER]
		);
		for (const [id, kind, teamId] of [
			[RES.own, 'excavator', TEAM],
			[RES.other, 'water_pump', OTHER],
			[RES.tracked, 'dump_truck', null]
		])
			await db.query(
				`insert into resource (id, kind_id, name, team_id, status) values ($1, $2, $3, $4, 'available')`,
				[id, kind, `Unit ${id}`, teamId]
			);
		await createUser(
			db,
			{ email: OPERATOR2.email, name: 'Second Operator', role: 'operator' },
			OPERATOR2.password
		);
	} finally {
		await db.close();
	}
}

type Picture = {
	teams: TeamView[];
	incidents: IncidentView[];
	sensors: SensorView[];
	hazards: HazardView[];
	resources: ResourceView[];
};

describe(`the production configuration, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let mosquitto: Mosquitto | null = null;
	let app: RunningApp;
	/** The broker the devices reach, without credentials. */
	let brokerUrl: string;
	let device: MqttClient;
	let deviceAccount: { username: string; password: string };
	/** Every message the device received: topic and text. */
	const received: [string, string][] = [];
	let admin: FormClient;
	let operator: FormClient;
	let incidentId = '';

	const proxied = () => new FormClient(app.url, { origin: ORIGIN, ...PROXY });
	const picture = async (): Promise<Picture> => ({
		teams: await app.getJson<TeamView[]>('/api/v1/teams'),
		incidents: await app.getJson<IncidentView[]>('/api/v1/incidents?closed=true'),
		sensors: await app.getJson<SensorView[]>('/api/v1/sensors'),
		hazards: await app.getJson<HazardView[]>('/api/v1/hazards'),
		resources: await app.getJson<ResourceView[]>('/api/v1/resources')
	});
	const resource = async (id: string) =>
		(await app.getJson<ResourceView[]>('/api/v1/resources')).find((r) => r.id === id);
	const team = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);

	beforeAll(async () => {
		db = await freshDatabase();
		await seedPrincipals(db.env);
		await seedEoc(db.env);
		let mqtt: Record<string, string>;
		if (REAL) {
			mosquitto = await startMosquitto({
				accounts: {
					eocwall: APP_PASSWORD,
					[TEAM]: DEVICE_PASSWORD,
					[TRACKER.username]: TRACKER.password
				},
				acl: (text) =>
					resourceAcl(text, {
						tracker: TRACKER.username,
						trackerResource: RES.tracked,
						team: TEAM,
						teamResource: RES.own
					})
			});
			brokerUrl = mosquitto.url;
			const { MQTT_CLIENT_ID } = await mqttEnv();
			mqtt = {
				MQTT_URL: `mqtt://eocwall:${encodeURIComponent(APP_PASSWORD)}@127.0.0.1:${mosquitto.port}`,
				MQTT_CLIENT_ID
			};
		} else {
			mqtt = { ...(await mqttEnv()), MQTT_DEVICE_AUTH: 'on' };
			brokerUrl = `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`;
		}
		app = await startApp({
			...db.env,
			...mqtt,
			EOC_SEED: 'none',
			ORIGIN,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			LOG_LEVEL: 'info'
		});
		admin = proxied();
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		operator = proxied();
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
	});
	afterAll(async () => {
		device?.end(true);
		await app?.kill('SIGTERM');
		await mosquitto?.stop();
		await db?.drop();
	});

	it('refuses an anonymous MQTT client; a credentialed device publishes as its team only', async () => {
		const anonymous = await connect(brokerUrl, undefined, { reconnectPeriod: 0 }).then(
			(c) => (c.end(true), null),
			(e: Error & { code?: number }) => e.code
		);
		// 4: bad username or password (the embedded broker); 5: not authorized (Mosquitto).
		expect([4, 5]).toContain(anonymous);

		// The device's team is registered before it ever reports, as an admin does it.
		const add = { id: TEAM, callsign: 'Rescue 1', kind: 'rescue', homeBase: 'Kulob' };
		const added = await admin.post('/admin/devices?/team', add);
		expect(added.status).toBe(200);
		expect(testId(await added.text(), 'team-added')).toContain(TEAM);
		const again = await admin.post('/admin/devices?/team', { ...add, callsign: 'Other' });
		expect(again.status).toBe(409);
		expect(await team(TEAM)).toMatchObject({
			callsign: 'Rescue 1',
			kind: 'rescue',
			exercise: null
		});

		if (REAL) {
			deviceAccount = { username: TEAM, password: DEVICE_PASSWORD };
		} else {
			// Issued as an admin does it, at /admin/devices.
			const r = await admin.post('/admin/devices?/issue', { teamId: TEAM, name: 'Tablet 1' });
			expect(r.status).toBe(200);
			const html = await r.text();
			deviceAccount = {
				username: testId(html, 'device-username'),
				password: testId(html, 'device-password')
			};
			expect(deviceAccount.username).toMatch(new RegExp(`^${TEAM}\\.`));
		}
		device = await connect(brokerUrl, `tablet-${RUN}`, { ...deviceAccount, clean: false });
		device.on('message', (topic, payload) => received.push([topic, payload.toString()]));
		const [own] = await device.subscribeAsync(topics.tasking(TEAM), { qos: 1 });
		expect(own.qos).toBe(1);
		// Another team's taskings: the embedded broker answers with the SUBACK failure code (0x80,
		// which mqtt.js throws); Mosquitto grants the filter and delivers nothing through it (the
		// ACL is checked on every message). Either way the device reads no other team's tasking
		// (next test).
		const foreign = await device.subscribeAsync(topics.tasking(OTHER), { qos: 1 }).then(
			() => 'granted',
			(e: Error) => e.message
		);
		expect(foreign).toBe(REAL ? 'granted' : 'Subscribe error: Unspecified error');

		const otherBefore = await team(OTHER);
		// Another team's position first: acknowledged (QoS 1) but never stored, on either broker.
		const spoof = validPosition({ lat: 37.1, lon: 69.1 });
		await device.publishAsync(topics.position(OTHER), JSON.stringify(spoof), { qos: 1 });
		const ts = new Date(Date.now() + 1000).toISOString();
		const position = validPosition({ lat: 37.9333, lon: 69.7666, ts });
		await device.publishAsync(topics.position(TEAM), JSON.stringify(position), { qos: 1 });
		const status = validStatus({
			status: 'out_of_service',
			incidentId: undefined,
			lat: undefined,
			lon: undefined,
			ts
		});
		await device.publishAsync(topics.status(TEAM), JSON.stringify(status), { qos: 1 });
		const landed = await waitFor('the device rows', async () => {
			const t = await team(TEAM);
			return t?.lat === 37.9333 && t.status === 'out_of_service' && t;
		});
		expect(landed).toMatchObject({ lon: 69.7666, exercise: null, callsign: 'Rescue 1' });
		expect(await team(OTHER)).toEqual(otherBefore);
	});

	it('a device reports for the resources its team operates; a tracker for its own only', async () => {
		// Another team's resource first: acknowledged (QoS 1), never stored; then the team's own.
		const send = (c: MqttClient, id: string, status: string) =>
			c.publishAsync(topics.resourceStatus(id), JSON.stringify(resourceStatus({ status })), {
				qos: 1
			});
		await send(device, RES.other, 'out_of_service');
		await send(device, RES.own, 'en_route');
		await waitFor(
			'the team resource',
			async () => (await resource(RES.own))?.status === 'en_route'
		);
		expect(await resource(RES.other)).toMatchObject({ status: 'available', teamId: OTHER });
		if (!REAL) return; // the embedded broker has no accounts but the devices' (interop: OwnTracks)
		// A tracker's account from the shipped ACL's block: its own resource, nothing else.
		const tracker = await connect(brokerUrl, `trk-${RUN}`, { ...TRACKER, reconnectPeriod: 0 });
		try {
			await send(tracker, RES.own, 'returning');
			await tracker.publishAsync(
				topics.position(TRACKER.username),
				JSON.stringify(validPosition()),
				{ qos: 1 }
			);
			await send(tracker, RES.tracked, 'on_scene');
			await waitFor(
				'the tracked resource',
				async () => (await resource(RES.tracked))?.status === 'on_scene'
			);
			expect(await resource(RES.own)).toMatchObject({ status: 'en_route' });
			// Mosquitto dropped the position (the ACL's deny): it never reached the app, not even
			// as a dead letter for an unknown team.
			const dead = await app.getJson<{ topic: string }[]>('/api/v1/dead-letters?limit=1000');
			expect(dead.filter((d) => d.topic.includes(TRACKER.username))).toEqual([]);
		} finally {
			await tracker.endAsync(true);
		}
	});

	it("an operator's tasking reaches the device through the broker", async () => {
		const create = await operator.post('/console?/create', {
			type: 'mudflow',
			severity: '4',
			title: `Mudflow on the Kulob road ${RUN}`,
			lat: '37.93',
			lon: '69.79',
			dead: '0',
			injured: '1',
			missing: '0',
			trapped: '0',
			people: '12',
			households: '3',
			description: ''
		});
		expect(create.status).toBe(200);
		const incidents = await app.getJson<IncidentView[]>('/api/v1/incidents');
		incidentId = incidents.find((i) => i.title.endsWith(RUN))?.id ?? '';
		expect(incidentId).toMatch(/^i-/);

		// The other team's tasking first: the broker delivers in order, so by the time the
		// device holds its own, the other one would have come before it.
		for (const [teamId, message] of [
			[OTHER, 'Set up first aid at the school'],
			[TEAM, 'Clear the road at the bridge']
		]) {
			const r = await operator.post(`/console/incidents/${incidentId}?/assign`, {
				teamId,
				message,
				priority: '1'
			});
			expect(r.status).toBe(200);
			expect(testId(await r.text(), 'console-done')).toContain('tasking sent');
		}
		await waitFor('the tasking at the device', () => received.length > 0, 15_000);
		expect(received.map(([topic]) => topic)).toEqual([topics.tasking(TEAM)]);
		expect(taskingPayloadSchema.parse(JSON.parse(received[0][1]))).toMatchObject({
			incidentId,
			message: 'Clear the road at the bridge',
			priority: 1
		});
		expect((await team(TEAM))?.incidentId).toBe(incidentId);
		expect((await team(OTHER))?.incidentId).toBe(incidentId);

		// The device answers its own team's tasking; its answer for the other team is refused
		// (Mosquitto: the ACL's `pattern write .../%u/tasking/ack`; embedded: not_authorized).
		const ownTasking = (await team(TEAM))?.tasking?.id;
		const otherTasking = (await team(OTHER))?.tasking?.id;
		expect(ownTasking).toBe(taskingPayloadSchema.parse(JSON.parse(received[0][1])).msgId);
		for (const [teamId, taskingId] of [
			[OTHER, otherTasking],
			[TEAM, ownTasking]
		]) {
			const answer = { msgId: `ack-${teamId}-${RUN}`, ts: new Date().toISOString(), taskingId };
			await device.publishAsync(
				topics.taskingAck(teamId as string),
				JSON.stringify({ ...answer, answer: 'accepted' }),
				{ qos: 1 }
			);
		}
		await waitFor('the accept', async () => (await team(TEAM))?.tasking?.answer === 'accepted');
		expect((await team(OTHER))?.tasking).toMatchObject({ id: otherTasking, answer: null });
	});

	it('an operator issues an alert, sent by the EOC of ORIGIN', async () => {
		const r = await operator.post('/console/alerts?/issue', {
			headline: `Mudflow risk ${RUN}: keep off the river banks`,
			event: 'Mudflow',
			severity: 'Severe',
			urgency: 'Immediate',
			certainty: 'Likely',
			instruction: 'Go to the school on high ground.',
			incidentId,
			radiusKm: '1',
			polygon: '',
			expiresHours: '6'
		});
		expect(r.status).toBe(200);
		const feed = await (await app.fetch('/api/v1/export/cap')).text();
		expect(feed).toContain(`Mudflow risk ${RUN}`);
		expect(feed).toContain('eoc@eoc.example.test');
		const id = /export\/cap\?id=([^"&<]+)/.exec(feed)?.[1];
		expect(id).toBeTruthy();
		const cap = await (await app.fetch(`/api/v1/export/cap?id=${id}`)).text();
		expect(cap).toContain('<sender>eoc@eoc.example.test</sender>');
		expect(cap).toContain('<status>Actual</status>');
	});

	it('a second operator signs in through the proxy: a Secure cookie, the forwarded address audited', async () => {
		const second = proxied();
		const forged = await second.request('/login', {
			method: 'POST',
			body: new URLSearchParams(OPERATOR2),
			headers: { origin: 'https://elsewhere.example' }
		});
		expect(forged.status).toBe(403);
		const r = await second.post('/login', OPERATOR2);
		expect(r.status).toBe(303);
		// Under https the session cookie carries the __Host- prefix (Secure, Path=/, no Domain).
		const cookie = r.headers.getSetCookie().find((c) => c.startsWith('__Host-session=')) ?? '';
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		const page = await second.get('/console');
		expect(page.status).toBe(200);
		const audit = await (await admin.get('/admin/audit')).text();
		const row = audit.split('<tr').find((tr) => tr.includes(OPERATOR2.email)) ?? '';
		expect(row).toContain('sign-in');
		expect(row).toContain(CLIENT_ADDRESS);
	});

	it('a drill starts, runs, pauses and resets; the real picture stays as it was', async () => {
		const before = await picture();
		const trainer = proxied();
		await trainer.signIn(app.auth.users.trainer.email, app.auth.users.trainer.password);
		const state = async () =>
			(
				(await (await trainer.get('/drills/state')).json()) as {
					drills: { exerciseId: string; status: string; errors: string[] }[];
				}
			).drills.find((d) => d.exerciseId === EX);
		const start = await trainer.post('/drills?/start', {
			scenario: 'kulob-mudflow',
			exercise: EX,
			name: 'Production drill',
			speed: '60',
			seed: '3'
		});
		expect(start.status).toBe(200);
		await waitFor('the drill to run', async () => (await state())?.status === 'running', 120_000);
		// The third inject brings the first field reports: the drill's rows land in its picture.
		expect((await trainer.post('/drills?/jump', { exercise: EX, inject: '3' })).status).toBe(200);
		const drillRows = async () => ({
			teams: (await app.getJson<TeamView[]>(`/api/v1/teams?exercise=${EX}`)).filter(
				(t) => t.exercise === EX
			),
			incidents: (await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${EX}`)).filter(
				(i) => i.exercise === EX
			)
		});
		await waitFor(
			"the drill's teams and reports",
			async () => {
				const rows = await drillRows();
				return rows.teams.length > 0 && rows.incidents.length > 0;
			},
			30_000
		);
		expect((await trainer.post('/drills?/pause', { exercise: EX })).status).toBe(200);
		expect(await state()).toMatchObject({ status: 'paused', errors: [] });
		// While the drill's rows are there, the real picture has none of them.
		expect(await picture()).toEqual(before);

		expect((await trainer.post('/drills?/reset', { exercise: EX })).status).toBe(200);
		await waitFor(
			"the drill's rows gone",
			async () => {
				const rows = await drillRows();
				return rows.teams.length === 0 && rows.incidents.length === 0;
			},
			30_000
		);
		expect(await state()).toBeUndefined();
		expect(await picture()).toEqual(before);
		// The device's own rows and the operators' work are in it.
		const t = before.teams.find((x) => x.id === TEAM);
		expect(t).toMatchObject({ lat: 37.9333, status: 'out_of_service', incidentId });
		expect(before.incidents.map((i) => i.id)).toContain(incidentId);
	});

	it('writes no password to its log', async () => {
		const log = app.output();
		// The start is logged with the broker's URL, without the credentials.
		expect(log).toMatch(new RegExp(`"mqtt":"${brokerUrl}".*"msg":"eocwall ready"`));
		for (const secret of [
			APP_PASSWORD,
			encodeURIComponent(APP_PASSWORD),
			deviceAccount.password,
			OPERATOR2.password,
			'eoc_i_' // the embedded broker's internal password, made at start
		])
			expect(log).not.toContain(secret);
	});
});
