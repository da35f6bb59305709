import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskingPayloadSchema, topics } from '$lib/contracts';
import type { TeamView } from '$lib/live/types';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, REAL, type TestDatabase } from './helpers/backend';
import { FormClient, incidentForm, testId } from './helpers/client';
import { connect, end } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

type DeadLetter = { topic: string; reason: string; msgId: string; detail: string };

/**
 * A team answers its tasking (`eoc/v1/teams/{teamId}/tasking/ack`): an operator assigns it, its
 * device gets the tasking, accepts or declines it, and the console and the audit log show the
 * answer. On the embedded broker the devices connect with credentials issued at /admin/devices,
 * so another team's device cannot answer for it.
 */
describe(`tasking answers, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqttUrl: string;
	let op: FormClient;
	let admin: FormClient;
	const RUN = Math.random().toString(36).slice(2, 8);
	const teamA = `ta-${RUN}`;
	const teamB = `tb-${RUN}`;
	const clients: MqttClient[] = [];
	let incidentId = '';
	let taskingId = '';

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		mqttUrl = env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`;
		// Two teams of the real picture, before the app starts (PGlite: one process).
		const q = await openDatabase({
			DATABASE_URL: db.env.DATABASE_URL,
			PGLITE_DIR: db.env.PGLITE_DIR ?? './data/pglite'
		});
		try {
			await q.migrate(join(ROOT, 'drizzle'));
			for (const id of [teamA, teamB])
				await q.query(`insert into team (id, callsign) values ($1, $2)`, [id, id.toUpperCase()]);
		} finally {
			await q.close();
		}
		app = await startApp({ ...db.env, ...env, ...(REAL ? {} : { MQTT_DEVICE_AUTH: 'on' }) });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	});
	afterAll(async () => {
		for (const c of clients) c.end(true);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	/** A team's device: with a credential issued for it on the embedded broker. */
	async function device(teamId: string): Promise<MqttClient> {
		let options = {};
		if (!REAL) {
			const r = await admin.post('/admin/devices?/issue', { teamId, name: `Phone ${teamId}` });
			const html = await r.text();
			options = {
				username: testId(html, 'device-username'),
				password: testId(html, 'device-password')
			};
		}
		const c = await connect(mqttUrl, undefined, options);
		clients.push(c);
		return c;
	}
	const ack = (teamId: string, body: Record<string, unknown>) => ({
		topic: topics.taskingAck(teamId),
		payload: JSON.stringify({ msgId: randomUUID(), ts: new Date().toISOString(), ...body })
	});
	const team = async (id: string) =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === id);
	const deadLetter = (msgId: string) =>
		waitFor(`the dead letter ${msgId}`, async () =>
			(await app.getJson<DeadLetter[]>('/api/v1/dead-letters')).find((d) => d.msgId === msgId)
		);
	const answerOnPage = async () =>
		testId(await (await op.get(`/console/incidents/${incidentId}`)).text(), 'tasking-answer');

	let a: MqttClient;
	it('an assignment reaches the team device, shown as sent and not answered', async () => {
		const created = await op.post(
			'/console?/create',
			incidentForm({ title: `Flooded street ${RUN}`, people: '10', households: '3' })
		);
		expect(created.status).toBe(200);
		incidentId = await waitFor('the incident', async () => {
			const html = await (await op.get('/console')).text();
			return /data-incident="(i-[0-9a-f]{12})"/.exec(html)?.[1];
		});

		a = await device(teamA);
		const got: string[] = [];
		a.on('message', (_t, p) => got.push(p.toString()));
		await a.subscribeAsync(topics.tasking(teamA), { qos: 1 });
		const r = await op.post(`/console/incidents/${incidentId}?/assign`, {
			teamId: teamA,
			message: 'Pump out the basements',
			priority: '2'
		});
		expect(r.status).toBe(200);
		await waitFor('the tasking on the device', () => got.length > 0, 10_000);
		const tasking = taskingPayloadSchema.parse(JSON.parse(got[0]));
		expect(tasking.incidentId).toBe(incidentId);
		taskingId = tasking.msgId;
		expect((await team(teamA))?.tasking).toMatchObject({
			id: taskingId,
			incidentId,
			answer: null
		});
		expect(await answerOnPage()).toMatch(/^sent, not answered · /);
	});

	it('an accept shows as accepted in the console and in the audit log', async () => {
		const m = ack(teamA, { taskingId, answer: 'accepted' });
		await a.publishAsync(m.topic, m.payload, { qos: 1 });
		const t = await waitFor('the answer', async () => {
			const v = await team(teamA);
			return v?.tasking?.answer === 'accepted' && v;
		});
		expect(t.tasking?.answeredAt).toBeTruthy();
		expect(await answerOnPage()).toMatch(/^accepted \d\d:\d\d \(\d\d:\d\d UTC\)$/);
		const audit = await (await admin.get('/admin/audit')).text();
		expect(audit).toContain('tasking-accepted');
		expect(audit).toContain(`team:${teamA}`);
	});

	it.skipIf(REAL)("another team's device cannot answer for it (embedded broker)", async () => {
		const b = await device(teamB);
		const m = ack(teamA, { taskingId, answer: 'declined', reason: 'not ours to say' });
		await b.publishAsync(m.topic, m.payload, { qos: 1 });
		const letter = await deadLetter(JSON.parse(m.payload).msgId);
		expect(letter.reason).toBe('not_authorized');
		expect((await team(teamA))?.tasking?.answer).toBe('accepted');
	});

	it('a decline without a reason is dead-lettered with why; with a reason it shows', async () => {
		const bare = ack(teamA, { taskingId, answer: 'declined' });
		await a.publishAsync(bare.topic, bare.payload, { qos: 1 });
		const letter = await deadLetter(JSON.parse(bare.payload).msgId);
		expect(letter).toMatchObject({ reason: 'schema' });
		expect(letter.detail).toContain('reason: a decline needs a reason');
		expect((await team(teamA))?.tasking?.answer).toBe('accepted');

		const why = 'Pump <b>broken</b>, need another';
		const m = ack(teamA, { taskingId, answer: 'declined', reason: why });
		await a.publishAsync(m.topic, m.payload, { qos: 1 });
		await waitFor('the decline', async () => (await team(teamA))?.tasking?.answer === 'declined');
		const html = await (await op.get(`/console/incidents/${incidentId}`)).text();
		// The field's text as text, never as markup.
		expect(html).toContain('declined: Pump &lt;b>broken&lt;/b>, need another');
		expect((await team(teamA))?.tasking?.reason).toBe(why);
		expect(await (await admin.get('/admin/audit')).text()).toContain('tasking-declined');
	});

	it('an answer to an older tasking, or to none, is set aside with its reason', async () => {
		const r = await op.post(`/console/incidents/${incidentId}?/assign`, {
			teamId: teamA,
			message: 'Second try',
			priority: '2'
		});
		expect(r.status).toBe(200);
		const now = await team(teamA);
		expect(now?.tasking?.id).not.toBe(taskingId);
		expect(now?.tasking?.answer).toBeNull();
		const stale = ack(teamA, { taskingId, answer: 'accepted' });
		const unknown = ack(teamA, { taskingId: 'tasking-nope', answer: 'accepted' });
		for (const m of [stale, unknown]) await a.publishAsync(m.topic, m.payload, { qos: 1 });
		expect((await deadLetter(JSON.parse(stale.payload).msgId)).reason).toBe('stale_tasking');
		expect((await deadLetter(JSON.parse(unknown.payload).msgId)).reason).toBe('unknown_tasking');
		expect((await team(teamA))?.tasking?.answer).toBeNull();
		await end(a);
	});
});
