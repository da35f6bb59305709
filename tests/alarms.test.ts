/**
 * Alarms from rules (issue #14), against the built app and, for the time-based rules, the
 * services in-process with the engine's clock driven by the test (no real waiting).
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { seedDefaultRules } from '$lib/server/alarms/rules';
import { alarmView } from '$lib/server/entities/alarm/view';
import { jsonList } from '$lib/server/entities/json';
import { assignRequest, createRequest, stepRequest } from '$lib/server/entities/resource/requests';
import { addChange, recordChanges, type ChangeSet } from '$lib/server/live/changes';
import { validPosition, validReading, validStatus } from '$lib/contracts/testing';
import type { AlarmView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient } from './helpers/client';
import { startInProcess, type InProcess } from './helpers/inprocess';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { SseClient } from './helpers/sse';

const RUN = randomBytes(3).toString('hex');
const GAUGE = 'yakhsu-kulob-wl'; // demo gauge: warning 250, danger 320 (default rule: hysteresis 10)
const DANGER = 'default-gauge-danger';
const EX = `alarm-drill-${RUN}`;

describe(`alarms from rules against the app, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttClient;
	let admin: FormClient;
	let operator: FormClient;
	let stream: SseClient;
	let ts = Date.now() - 60_000;
	const nextTs = () => new Date((ts += 1000)).toISOString();

	beforeAll(async () => {
		db = await freshDatabase();
		const mqtt = await mqttEnv();
		app = await startApp({ ...db.env, ...mqtt, EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });
		pub = await connect(mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		stream = new SseClient(`${app.url}/api/v1/stream`, undefined, {
			authorization: `Bearer ${app.auth.api}`
		});
		await stream.waitFor((e) => e.event === 'snapshot');
	});
	afterAll(async () => {
		stream?.close();
		if (pub) await end(pub);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	const send = (topic: string, body: unknown) =>
		publishAll(pub, [{ topic, payload: JSON.stringify(body) }]);
	const reading = (value: number, extra: Record<string, unknown> = {}, sensor = GAUGE) =>
		send(topics.sensorReading(sensor), validReading({ value, ts: nextTs(), ...extra }));
	/** POSTs JSON as the given client (an admin's or operator's session). */
	const postJson = (c: FormClient, path: string, body: unknown) =>
		c.request(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const alarms = (q = '') => app.getJson<AlarmView[]>(`/api/v1/alarms${q}`);
	const dangerAlarm = async () =>
		(await alarms()).find((a) => a.ruleId === DANGER && a.subjectId === GAUGE);
	const streamed = (match: (a: AlarmView) => boolean, timeoutMs = 10_000) =>
		stream.waitFor((e) => e.event === 'alarm' && match(JSON.parse(e.data) as AlarmView), timeoutMs);

	it('raises an alarm for a gauge above danger, on the stream within 2 s of the publish', async () => {
		const sent = Date.now();
		await reading(330);
		const ev = await streamed((a) => a.ruleId === DANGER && a.subjectId === GAUGE, 2_000);
		expect(ev.receivedAt - sent).toBeLessThanOrEqual(2_000);
		const a = JSON.parse(ev.data) as AlarmView;
		expect(a).toMatchObject({
			level: 'danger',
			subjectKind: 'sensor',
			exercise: null,
			clearedAt: null
		});
		expect(a.subjectName).toBe('Yakhsu at Kulob');
		expect(a.detail).toMatchObject({ value: 330, threshold: 320 });
		expect(await dangerAlarm()).toMatchObject({ id: a.id });
	});

	it('acknowledges through the API: audited and streamed', async () => {
		const a = (await dangerAlarm()) as AlarmView;
		const r = await postJson(operator, `/api/v1/alarms/${a.id}/ack`, {
			comment: 'Crew sent to the bridge'
		});
		expect(r.status).toBe(200);
		const ev = await streamed((x) => x.id === a.id && x.acknowledgedAt !== null);
		expect(JSON.parse(ev.data)).toMatchObject({ ackComment: 'Crew sent to the bridge' });
		const log = await (await admin.request('/admin/audit')).text();
		expect(log).toContain('alarm-acknowledge');
		expect(log).toContain(a.id);
		const again = await postJson(operator, `/api/v1/alarms/${a.id}/ack`, {});
		expect(again.status).toBe(409);
	});

	it('keeps the alarm inside the hysteresis band and clears it below', async () => {
		const a = (await dangerAlarm()) as AlarmView;
		await reading(315); // below 320 but not below 320 - 10
		await reading(316);
		// A marker behind them: passes run in commit order, so once the other gauge's alarm is on
		// the stream, the engine has judged 315 and 316.
		await reading(170, {}, 'tebalay-kulob-wl');
		await streamed((x) => x.ruleId === DANGER && x.subjectId === 'tebalay-kulob-wl');
		expect(await dangerAlarm()).toMatchObject({ id: a.id, clearedAt: null });
		expect(
			stream.events.some(
				(e) => e.event === 'alarm' && JSON.parse(e.data).id === a.id && JSON.parse(e.data).clearedAt
			)
		).toBe(false);
		await reading(305);
		const ev = await streamed((x) => x.id === a.id && x.clearedAt !== null);
		expect(JSON.parse(ev.data).clearedAt).not.toBeNull();
		expect(await dangerAlarm()).toBeUndefined();
	});

	it('raises a team emergency at once from a status with emergency: true', async () => {
		const team = `sos-${RUN}`;
		await send(topics.status(team), validStatus({ ts: nextTs(), emergency: true }));
		const ev = await streamed((a) => a.ruleKind === 'team_emergency' && a.subjectId === team);
		expect(JSON.parse(ev.data)).toMatchObject({ level: 'danger', subjectKind: 'team' });
		await send(topics.status(team), validStatus({ ts: nextTs() }));
		await streamed((a) => a.subjectId === team && a.clearedAt !== null);
	});

	it('refuses a bad rule, naming the field', async () => {
		const r = await postJson(admin, '/api/v1/alarm-rules', {
			name: 'Too high',
			kind: 'gauge_level',
			level: 'danger',
			params: { threshold: 'very high' }
		});
		expect(r.status).toBe(400);
		expect(await r.json()).toMatchObject({ field: 'params.threshold' });
		const asApi = await app.fetch('/api/v1/alarm-rules', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(asApi.status).toBe(403);
	});

	it("keeps a drill's gauge alarm in the drill's picture", async () => {
		const gauge = `drill-gauge-${RUN}`;
		const created = await postJson(admin, '/api/v1/alarm-rules', {
			name: 'Drill gauge above 400',
			kind: 'gauge_level',
			level: 'danger',
			params: { sensor: gauge, threshold: 400, hysteresis: 5 }
		});
		expect(created.status).toBe(201);
		const { id: ruleId } = (await created.json()) as { id: string };
		expect((await app.getJson<{ id: string }[]>('/api/v1/alarm-rules')).map((r) => r.id)).toContain(
			ruleId
		);
		await send(topics.exerciseState(EX), {
			msgId: `state-${RUN}`,
			ts: nextTs(),
			exercise: EX,
			name: 'Alarm drill',
			scenario: 'kulob-mudflow',
			status: 'running',
			speed: 1,
			scenarioSec: 0,
			scenarioStart: new Date().toISOString()
		});
		await waitFor('the drill running', async () =>
			JSON.stringify(await (await admin.request('/drills/state')).json()).includes(EX)
		);
		await reading(410, { exercise: EX }, gauge);
		const drill = await waitFor('the drill alarm', async () =>
			(await alarms(`?exercise=${EX}`)).find((a) => a.ruleId === ruleId)
		);
		expect(drill).toMatchObject({ exercise: EX, subjectId: gauge });
		expect((await alarms()).some((a) => a.ruleId === ruleId)).toBe(false);
	});
});

describe(`time-based alarms with the engine's clock, on ${BACKEND}`, () => {
	let app: InProcess;
	let pub: MqttClient;
	/** The newest stock alarm of a stock (`{storeId}:{kindId}`), cleared or not. */
	const stockAlarm = async (stockId: string) =>
		(
			await jsonList<AlarmView>(
				app.services.db,
				`select ${alarmView.sql()} as v from alarm a
				where a.rule_id = 'default-stock-below' and a.subject_id = $1 order by a.first_seen`,
				[stockId]
			)
		).at(-1);
	beforeAll(async () => {
		app = await startInProcess();
		pub = await connect(app.mqttUrl);
	});
	afterAll(async () => {
		await end(pub);
		await app.stop();
	});

	it('raises "silent" for a team that stops publishing, at its limit (15 min)', async () => {
		const team = `quiet-${RUN}`;
		const heard = Date.now() - 20 * 60_000; // messages carry past times; the clock moves on
		const engine = app.services.alarms;
		engine.setClock(() => new Date(heard));
		await publishAll(pub, [
			{
				topic: topics.position(team),
				payload: JSON.stringify(validPosition({ ts: new Date(heard).toISOString() }))
			}
		]);
		const silent = async () =>
			(
				await app.services.db.query<{ cleared: boolean }>(
					`select cleared_at is not null as cleared from alarm
				where rule_id = 'default-team-silent' and subject_id = $1`,
					[team]
				)
			).filter((r) => !r.cleared).length;
		await waitFor(
			'the team stored',
			async () =>
				(await app.services.db.query(`select 1 from team where id = $1`, [team])).length > 0
		);
		engine.setClock(() => new Date(heard + 14 * 60_000));
		await engine.tick();
		expect(await silent()).toBe(0);
		engine.setClock(() => new Date(heard + 15 * 60_000 + 1000));
		await engine.tick();
		expect(await silent()).toBe(1);
		// It speaks again: cleared.
		await publishAll(pub, [
			{
				topic: topics.position(team),
				payload: JSON.stringify(
					validPosition({ ts: new Date(heard + 15 * 60_000 + 500).toISOString() })
				)
			}
		]);
		await waitFor('the alarm cleared', async () => (await silent()) === 0);
	});

	it('raises "stock below minimum" when a supply falls under its minimum, clears it back at it', async () => {
		const db = app.services.db;
		const store = `wh-${RUN}`;
		const stockId = `${store}:tent`;
		/** Sets the quantity as a write of the register would: in a transaction, with its change. */
		const setQuantity = (quantity: number) =>
			db.transaction(async (tx) => {
				await tx.query(
					`insert into stock (store_id, kind_id, quantity, minimum) values ($1, 'tent', $2, 50)
					on conflict (store_id, kind_id) do update set quantity = excluded.quantity`,
					[store, quantity]
				);
				const changes: ChangeSet = new Map();
				addChange(changes, 'stock', stockId);
				await recordChanges(tx, changes);
			});
		const alarm = () => stockAlarm(stockId);
		await db.query(
			`insert into store (id, name, lat, lon) values ($1, 'Kulob warehouse', 37.91, 69.78)`,
			[store]
		);
		await setQuantity(80);
		await setQuantity(40);
		const raised = await waitFor('the stock alarm', async () => {
			const a = await alarm();
			return a && a.clearedAt === null ? a : null;
		});
		expect(raised).toMatchObject({
			subjectKind: 'stock',
			// The kind's name from the default kinds every database gets (entities/resource/kinds.ts).
			subjectName: 'Kulob warehouse · Tent',
			// Each screen names the supply in its own language.
			subjectNames: {
				en: 'Kulob warehouse · Tent',
				ru: 'Kulob warehouse · Палатка',
				tg: 'Kulob warehouse · Хайма'
			},
			lat: 37.91,
			lon: 69.78,
			level: 'warning',
			exercise: null
		});
		expect(raised.detail).toMatchObject({ quantity: 40, minimum: 50, unit: 'pcs' });
		await setQuantity(50);
		await waitFor('the stock alarm cleared', async () => (await alarm())?.clearedAt !== null);
	});

	it("raises a drill's stock alarm in its picture when an assignment takes its store under the minimum", async () => {
		const db = app.services.db;
		const ex = `stock-drill-${RUN}`;
		const store = `drill-wh-${RUN}`;
		// The drill registers its store with its running state, 220 tents, a minimum of 100.
		await publishAll(pub, [
			{
				topic: topics.exerciseState(ex),
				payload: JSON.stringify({
					msgId: `state-${RUN}`,
					ts: new Date().toISOString(),
					exercise: ex,
					name: 'Stock drill',
					scenario: 'kulob-mudflow',
					status: 'running',
					speed: 60,
					scenarioSec: 0,
					stores: [
						{
							id: store,
							name: 'CoES Khatlon warehouse',
							lat: 37.9,
							lon: 69.78,
							stock: [{ kind: 'tent', quantity: 220, minimum: 100 }]
						}
					]
				})
			}
		]);
		await waitFor(
			'the store registered',
			async () =>
				(await db.query(`select 1 from stock where store_id = $1 and exercise = $2`, [store, ex]))
					.length > 0
		);
		expect(await stockAlarm(`${store}:tent`)).toBeUndefined();
		// A district's 150 tents from it leave 70.
		await db.transaction(async (tx) => {
			const changes: ChangeSet = new Map();
			const asked = { kindId: 'tent', quantity: 150, place: 'Vose', requester: 'Hukumat of Vose' };
			const id = await createRequest(
				tx,
				{ ...asked, requesterKind: 'district', exercise: ex },
				'test',
				changes
			);
			await stepRequest(tx, id, 'approved', 'test', null, changes);
			await assignRequest(tx, id, { storeId: store, quantity: 150 }, 'test', changes);
			await recordChanges(tx, changes);
		});
		const raised = await waitFor('the drill stock alarm', () => stockAlarm(`${store}:tent`));
		expect(raised).toMatchObject({ exercise: ex, subjectName: 'CoES Khatlon warehouse · Tent' });
		expect(raised.detail).toMatchObject({ quantity: 70, minimum: 100 });
	});

	it('writes a default added later into a database seeded before it, once', async () => {
		const db = app.services.db;
		const has = async () =>
			(await db.query(`select 1 from alarm_rule where id = 'default-stock-below'`)).length;
		expect(await has()).toBe(1); // a fresh database: every default at the first start
		expect(await seedDefaultRules(db)).toBe(0);
		// As before issue #15: seeded (the first marker), without the stock rule or its marker.
		await db.query(`delete from alarm_rule where id = 'default-stock-below'`);
		await db.query(`delete from meta where key = 'alarm-rules-seeded-stock'`);
		expect(await seedDefaultRules(db)).toBe(1);
		expect(await has()).toBe(1);
		// Deleted by the EOC afterwards: not written again.
		await db.query(`delete from alarm_rule where id = 'default-stock-below'`);
		expect(await seedDefaultRules(db)).toBe(0);
		expect(await has()).toBe(0);
	});
});
