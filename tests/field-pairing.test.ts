import { randomBytes, randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCredential } from '$lib/field/db';
import { refusedPayloadSchema, taskingPayloadSchema, topics } from '$lib/contracts';
import { validStatus } from '$lib/contracts/testing';
import type { IncidentView, TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, REAL, type TestDatabase } from './helpers/backend';
import { FormClient, incidentForm, testId } from './helpers/client';
import { connect } from './helpers/mqtt';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/lib/server/db';
import { pruneAuth } from '../src/lib/server/auth/prune';
import { createPairing, redeemPairing } from '../src/lib/server/devices/pairing';
import { ROOT } from './helpers/app';
import { freePort, waitFor } from './helpers/ports';

/**
 * Pairing a team's phone (#16): an admin's one-time code, redeemed once for a device credential,
 * which then speaks MQTT over the app's own `/mqtt` (and TCP); what the EOC refuses comes back on
 * the team's `refused` topic; revoking the credential closes the phone's connection for good.
 * Pairing needs the embedded broker with device credentials: on the real backends the database is
 * PostgreSQL and the broker the embedded one (an external broker refuses pairing, below).
 */
const RUN = randomBytes(3).toString('hex');
const TEAM = `pair-rescue-${RUN}`;
const OTHER = `pair-medic-${RUN}`;

/** What the redeem answers: the credential the phone keeps. */
type Paired = Omit<FieldCredential, 'pairedAt'>;

const status = (s: string, msgId: string = randomUUID()) =>
	JSON.stringify(
		validStatus({
			msgId,
			status: s,
			incidentId: undefined,
			lat: undefined,
			lon: undefined,
			ts: new Date().toISOString()
		})
	);

/** The code's redeem, as the phone sends it: JSON, no cookie, no Origin. */
function redeem(app: RunningApp, body: string, headers: Record<string, string> = {}) {
	return fetch(`${app.url}/api/v1/field/pair`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body
	});
}

/** The MQTT CONNACK refusal code of a connection attempt (0: accepted). */
async function connackCode(url: string, clientId: string, p: Paired): Promise<number | undefined> {
	return connect(url, clientId, {
		username: p.username,
		password: p.password,
		reconnectPeriod: 0
	}).then(
		(c) => (c.end(true), 0),
		(e: Error & { code?: number }) => e.code
	);
}

describe(`pairing a phone, on ${REAL ? 'postgres' : 'pglite'} + the embedded broker`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let admin: FormClient;
	let mqttPort: number;
	let paired: Paired;
	let ws: MqttClient;
	let tcp: MqttClient;
	const heard: { via: string; topic: string; body: string }[] = [];

	const pair = async (name: string) => {
		const r = await admin.post('/admin/devices?/pair', { teamId: TEAM, name });
		expect(r.status).toBe(200);
		return r.text();
	};
	const team = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);

	beforeAll(async () => {
		db = await freshDatabase();
		mqttPort = await freePort();
		const { MQTT_CLIENT_ID } = await mqttEnv();
		app = await startApp({
			...db.env,
			MQTT_PORT: String(mqttPort),
			MQTT_CLIENT_ID,
			MQTT_DEVICE_AUTH: 'on',
			LOG_LEVEL: 'info'
		});
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		for (const [id, callsign] of [
			[TEAM, 'Rescue Pair'],
			[OTHER, 'Medic Pair']
		]) {
			const r = await admin.post('/admin/devices?/team', { id, callsign, kind: 'rescue' });
			expect(r.status).toBe(200);
		}
	});
	afterAll(async () => {
		ws?.end(true);
		tcp?.end(true);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('an admin creates a code: shown once with its QR link, listed as pending, no credential yet', async () => {
		const html = await pair('Phone A');
		const code = testId(html, 'pair-code');
		expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
		// The QR is drawn on the server (a path of modules) and the link puts the code in the fragment.
		expect(html).toMatch(/data-testid="pair-qr"[\s\S]*?<path d="M4 4h7v1h-7z/);
		expect(html).toContain(`${app.url}/field#pair=${code}`);
		expect(html).toContain('data-testid="pair-pending"');
		expect(testId(html, 'devices')).toBe(''); // no credential until the phone redeems
		const audit = await admin.get('/admin/audit').then((r) => r.text());
		expect(audit).toContain('device-pair-created');

		// Redeemed as typed on a phone: lower case, a space for the dash.
		const r = await redeem(
			app,
			JSON.stringify({ code: ` ${code.toLowerCase().replace('-', ' ')}` })
		);
		expect(r.status).toBe(200);
		paired = (await r.json()) as Paired;
		expect(paired).toMatchObject({
			teamId: TEAM,
			callsign: 'Rescue Pair',
			clientId: paired.username,
			mqttPath: '/mqtt'
		});
		expect(paired.username.startsWith(`${TEAM}.`)).toBe(true);
		expect(paired.password).toMatch(/^eoc_m_[a-z2-7]{32}$/);

		// Once: the same code again is unknown.
		const again = await redeem(app, JSON.stringify({ code }));
		expect(again.status).toBe(404);
		expect(await again.json()).toMatchObject({ error: 'pairing_unknown' });

		// The credential is listed, named as the pairing; the code no longer waits.
		const page = await admin.get('/admin/devices').then((r) => r.text());
		expect(page).toContain(paired.username);
		expect(page).not.toContain('data-testid="pair-pending"');
		const log = await admin.get('/admin/audit').then((r) => r.text());
		expect(log).toContain('device-paired');
		expect(log).toContain('device-pair-refused');
	});

	it('answers a malformed body 400 bad_request, with a sentence', async () => {
		for (const body of [
			'not json',
			'{}',
			'{"code": 42}',
			'[]',
			JSON.stringify({ code: 'x'.repeat(65) })
		]) {
			const r = await redeem(app, body);
			expect(r.status, body).toBe(400);
			const j = (await r.json()) as { error: string; message: string };
			expect(j.error, body).toBe('bad_request');
			expect(j.message.length).toBeGreaterThan(10);
		}
	});

	it('connects over ws://…/mqtt with the returned clientId and stores its status', async () => {
		ws = await connect(`ws://127.0.0.1:${app.port}${paired.mqttPath}`, paired.clientId, {
			username: paired.username,
			password: paired.password,
			reconnectPeriod: 0
		});
		ws.on('message', (topic, p) => heard.push({ via: 'ws', topic, body: p.toString() }));
		const granted = await ws.subscribeAsync([topics.refused(TEAM), topics.tasking(TEAM)], {
			qos: 1
		});
		expect(granted.map((g) => g.qos)).toEqual([1, 1]);
		// Another team's refusals are not its to read: a failure code (0x80) in the SUBACK.
		await expect(ws.subscribeAsync(topics.refused(OTHER), { qos: 1 })).rejects.toThrow(
			/Subscribe error/
		);
		await ws.publishAsync(topics.status(TEAM), status('on_scene'), { qos: 1 });
		await waitFor('the status row', async () => (await team(TEAM))?.status === 'on_scene');
	});

	it("a publish to another team's topic comes back on its own team's `refused` (WebSocket)", async () => {
		const msgId = `wrong-team-${RUN}`;
		const before = await team(OTHER);
		await ws.publishAsync(topics.status(OTHER), status('out_of_service', msgId), { qos: 1 });
		const got = await waitFor('the refusal', () =>
			heard.find((h) => h.topic === topics.refused(TEAM) && h.body.includes(msgId))
		);
		const refusal = refusedPayloadSchema.parse(JSON.parse(got.body));
		expect(refusal).toMatchObject({
			refusedMsgId: msgId,
			topic: topics.status(OTHER),
			reason: 'not_authorized'
		});
		expect(refusal.detail).toContain(paired.username);
		expect(await team(OTHER)).toEqual(before);
		// Nothing went to the other team, and the refusal was not itself dead-lettered.
		expect(heard.filter((h) => h.topic === topics.refused(OTHER))).toEqual([]);
		const letters = await app.getJson<{ topic: string }[]>('/api/v1/dead-letters');
		expect(letters.filter((l) => l.topic === topics.refused(TEAM))).toEqual([]);
	});

	it('and over TCP, with a client id of its own under the same credential', async () => {
		tcp = await connect(`mqtt://127.0.0.1:${mqttPort}`, `${paired.clientId}-tcp`, {
			username: paired.username,
			password: paired.password,
			reconnectPeriod: 0
		});
		tcp.on('message', (topic, p) => heard.push({ via: 'tcp', topic, body: p.toString() }));
		await tcp.subscribeAsync(topics.refused(TEAM), { qos: 1 });
		const msgId = `wrong-team-tcp-${RUN}`;
		await tcp.publishAsync(topics.status(OTHER), status('returning', msgId), { qos: 1 });
		const got = await waitFor('the refusal over TCP', () =>
			heard.find((h) => h.via === 'tcp' && h.body.includes(msgId))
		);
		expect(JSON.parse(got.body)).toMatchObject({ reason: 'not_authorized', refusedMsgId: msgId });
		// An invalid payload on its own topic is told too, with the schema's reason.
		await tcp.publishAsync(topics.status(TEAM), '{"msgId":"bad-1"}', { qos: 1 });
		const bad = await waitFor('the schema refusal', () =>
			heard.find((h) => h.via === 'tcp' && h.body.includes('"refusedMsgId":"bad-1"'))
		);
		expect(JSON.parse(bad.body)).toMatchObject({ reason: 'schema', topic: topics.status(TEAM) });
	});

	it('a tasking carries its incident: title, type, severity and place', async () => {
		const operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		const create = await operator.post(
			'/console?/create',
			incidentForm({ type: 'landslide', severity: '4', title: `Slide on the Kulob road ${RUN}` })
		);
		expect(create.status).toBe(200);
		const incidents = await app.getJson<IncidentView[]>('/api/v1/incidents');
		const incidentId = incidents.find((i) => i.title.endsWith(RUN))?.id ?? '';
		const r = await operator.post(`/console/incidents/${incidentId}?/assign`, {
			teamId: TEAM,
			message: 'Clear the road',
			priority: '2'
		});
		expect(r.status).toBe(200);
		const got = await waitFor('the tasking', () =>
			heard.find((h) => h.via === 'ws' && h.topic === topics.tasking(TEAM))
		);
		expect(taskingPayloadSchema.parse(JSON.parse(got.body))).toMatchObject({
			incidentId,
			incident: {
				title: `Slide on the Kulob road ${RUN}`,
				type: 'landslide',
				severity: 4,
				lat: 37.91,
				lon: 69.78
			}
		});
	});

	it('throttles wrong codes by address: 429, and a right code waits too', async () => {
		const waiting = testId(await pair('Phone B'), 'pair-code');
		let tries = 0;
		let r: Response;
		do {
			r = await redeem(app, JSON.stringify({ code: 'ZZZZ-ZZZZ' }));
			tries++;
		} while (r.status === 404 && tries < 40);
		expect(r.status).toBe(429);
		expect(tries).toBeLessThanOrEqual(31);
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await r.json()).toMatchObject({ error: 'too_many_tries' });
		const blocked = await redeem(app, JSON.stringify({ code: waiting }));
		expect(blocked.status).toBe(429);
		// Not spent: it still waits for its phone.
		const page = await admin.get('/admin/devices').then((x) => x.text());
		const pending = page.slice(page.indexOf('data-testid="pair-pending"'));
		expect(pending.slice(0, pending.indexOf('</table>'))).toContain('Phone B');
		// Cancelled, it is gone.
		const id = page.match(/action="\?\/cancelPair"[\s\S]*?name="id" value="([^"]+)"/)?.[1] ?? '';
		expect((await admin.post('/admin/devices?/cancelPair', { id })).status).toBe(200);
		const after = await admin.get('/admin/devices').then((x) => x.text());
		expect(after).not.toContain('data-testid="pair-pending"');
	});

	it('revoking closes both connections, and a reconnect gets "bad username or password"', async () => {
		const closed = (c: MqttClient) => new Promise<void>((r) => c.once('close', () => r()));
		const both = Promise.all([closed(ws), closed(tcp)]);
		const r = await admin.post('/admin/devices?/revoke', { id: paired.credentialId });
		expect(r.status).toBe(200);
		await both;
		expect(await connackCode(`ws://127.0.0.1:${app.port}/mqtt`, paired.clientId, paired)).toBe(4);
		expect(await connackCode(`mqtt://127.0.0.1:${mqttPort}`, paired.clientId, paired)).toBe(4);
	});
});

describe(`pairing where the broker cannot check credentials, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	beforeAll(async () => {
		db = await freshDatabase();
		// Embedded with MQTT_DEVICE_AUTH off (the loopback default), or Mosquitto via MQTT_URL.
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('refuses to redeem with 409 pairing_unavailable, and the admin page refuses up front', async () => {
		const r = await redeem(app, JSON.stringify({ code: 'ABCD-EFGH' }));
		expect(r.status).toBe(409);
		const j = (await r.json()) as { error: string; message: string };
		expect(j.error).toBe('pairing_unavailable');
		expect(j.message).toContain('MQTT_DEVICE_AUTH=on');
		expect(j.message).toContain('docs/deploy.md');
		const admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		await admin.post('/admin/devices?/team', { id: `t-${RUN}`, callsign: 'T', kind: 'rescue' });
		const page = await admin.get('/admin/devices').then((x) => x.text());
		expect(testId(page, 'pair-unavailable')).toContain('MQTT_DEVICE_AUTH=on');
		expect(page).not.toContain('data-testid="pair-form"');
		const pair = await admin.post('/admin/devices?/pair', { teamId: `t-${RUN}`, name: 'P' });
		expect(pair.status).toBe(409);
		expect(testId(await pair.text(), 'admin-problem')).toContain('MQTT_DEVICE_AUTH=on');
	});
});

describe(`pairing rows on ${REAL ? 'postgres' : 'pglite'}: expiry, one redeem, prune`, () => {
	let t: TestDatabase;
	let db: Database;
	const entry = { teamId: `rows-${RUN}`, name: 'Phone', createdBy: 'a@x.tj' };
	const rows = () =>
		db.query<{ id: string; code_hash: string; credential_id: string | null }>(
			'select id, code_hash, credential_id from device_pairing order by created_at'
		);
	beforeAll(async () => {
		t = await freshDatabase();
		db = await openDatabase({
			DATABASE_URL: t.env.DATABASE_URL,
			PGLITE_DIR: t.env.PGLITE_DIR ?? ''
		});
		await db.migrate(join(ROOT, 'drizzle'));
	});
	afterAll(async () => {
		await db?.close();
		await t?.drop();
	});

	it('keeps the hash, never the code; an expired code redeems nothing', async () => {
		const { code, row } = await createPairing(db, entry);
		expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(15 * 60_000);
		const [stored] = await rows();
		expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(await db.query('select * from device_pairing'))).not.toContain(code);
		expect(await db.query('select 1 from device_credential')).toEqual([]);
		await db.query(`update device_pairing set expires_at = now() - interval '1 second'`);
		expect(await db.transaction((tx) => redeemPairing(tx, code))).toBeNull();
		expect(await db.query('select 1 from device_credential')).toEqual([]);
	});

	it('two redeems of one code at once: one credential', async () => {
		const { code } = await createPairing(db, entry);
		const results = await Promise.all([
			db.transaction((tx) => redeemPairing(tx, code)),
			db.transaction((tx) => redeemPairing(tx, code))
		]);
		expect(results.filter(Boolean).length).toBe(1);
		const [c] = await db.query<{ n: number }>('select count(*)::int as n from device_credential');
		expect(c.n).toBe(1);
		const redeemed = (await rows()).find((r) => r.credential_id !== null);
		expect(redeemed?.credential_id).toBe(results.find(Boolean)?.credential.id);
	});

	it('prunes used and expired pairings, keeps the pending one', async () => {
		const { row } = await createPairing(db, entry);
		const deleted = await pruneAuth(db, 30);
		expect(deleted.device_pairing).toBe(2);
		expect((await rows()).map((r) => r.id)).toEqual([row.id]);
	});
});
