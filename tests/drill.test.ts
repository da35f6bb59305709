/**
 * The Kulob drill against the built app (one app for the file): drill traffic arrives with its
 * exercise id (incidents, teams, gauges, hazard extents, inject records, its equipment, stores and
 * the districts' requests), and a reset deletes exactly that exercise's rows: another exercise's
 * and the real (demo) rows stay.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validReport } from '$lib/contracts/testing';
import type {
	HazardView,
	IncidentView,
	RequestView,
	ResourceView,
	SensorView,
	StockView,
	TeamView
} from '$lib/live/types';
import { openDatabase } from '$lib/server/db';
import { loadDem } from '$lib/server/terrain/load';
import {
	connectPublisher,
	createDrill,
	defaultModel,
	terrainLoader,
	type Drill,
	type MqttPublisher
} from '$sim';
import { KULOB_FILE, kulobScenario } from '../simulators/engine/testing';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

const suffix = randomBytes(3).toString('hex');
const A = `it-drill-a-${suffix}`;
const B = `it-drill-b-${suffix}`;

describe(`the Kulob drill against the app, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttPublisher;
	const drills: Drill[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		await withDatabase(async (q) => {
			// The kinds the districts ask for (the EOC's list has them; written once, like its seed).
			await q.query(
				`insert into resource_kind (id, names, class, unit) values
				('excavator', '{"en":"Excavator"}', 'equipment', 'unit'),
				('tent', '{"en":"Tent"}', 'supply', 'pcs'), ('water', '{"en":"Water"}', 'supply', 'l')
				on conflict (id) do nothing`
			);
		});
		const mqtt = await mqttEnv();
		const mqttUrl = mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`;
		// The demo region stands for real data: a reset must leave it as it was.
		app = await startApp({ ...db.env, ...mqtt, EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });
		pub = await connectPublisher(mqttUrl);
	});
	afterAll(async () => {
		for (const d of drills) d.dispose();
		await pub?.end().catch(() => {});
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	/** Starts a drill at ×60, jumps to inject 7 (1:45: four reports, the mudflow released) and runs on. */
	async function runDrill(exerciseId: string): Promise<Drill> {
		const drill = createDrill({
			scenario: kulobScenario(),
			exerciseId,
			seed: 5,
			speed: 60,
			publish: pub.publish,
			publishText: pub.publishText,
			model: defaultModel,
			loadTerrain: terrainLoader(KULOB_FILE.pathname, loadDem)
		});
		drills.push(drill);
		const errors: string[] = [];
		drill.on((e) => e.kind === 'error' && errors.push(e.message));
		await drill.start();
		await drill.jumpTo(7);
		await waitFor('ten scenario minutes more', async () => drill.state.scenarioSec > 6900, 60_000);
		drill.pause();
		expect(errors).toEqual([]);
		return drill;
	}

	const of = <T extends { exercise: string | null }>(rows: T[], ex: string | null) =>
		rows.filter((r) => r.exercise === ex);

	/** The app's database, opened directly (PGlite: only while the app is not running). */
	async function withDatabase(f: (q: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
		const q = await openDatabase({
			DATABASE_URL: db.env.DATABASE_URL,
			PGLITE_DIR: db.env.PGLITE_DIR ?? ''
		});
		try {
			await q.migrate(join(ROOT, 'drizzle'));
			await f(q);
		} finally {
			await q.close();
		}
	}

	it('drill traffic arrives with its exercise id: incidents, teams, gauges, the mudflow', async () => {
		const a = await runDrill(A);
		expect(a.state.delivered.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		const incidents = await waitFor('the drill reports', async () => {
			const rows = of(await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${A}`), A);
			return rows.length >= 4 ? rows : null;
		});
		expect(incidents.map((i) => i.title)).toContain(
			'Houses destroyed on Charmgaron street, people trapped'
		);
		const hazards = await waitFor('the mudflow extents', async () => {
			const rows = of(await app.getJson<HazardView[]>(`/api/v1/hazards?exercise=${A}`), A);
			return rows.length > 0 ? rows : null;
		});
		expect(hazards.map((h) => h.id)).toContain('tebalay-mudflow-d0');
		expect(hazards.every((h) => h.kind === 'mudflow')).toBe(true);
		const teams = of(await app.getJson<TeamView[]>(`/api/v1/teams?exercise=${A}`), A);
		expect(teams.map((t) => t.callsign).sort()).toEqual(
			['Excavator 1', 'Medical 1', 'Rescue 1', 'Rescue 2', 'Rescue 3', 'Truck 1'].sort()
		);
		const gauge = of(await app.getJson<SensorView[]>(`/api/v1/sensors?exercise=${A}`), A).find(
			(s) => s.id === 'drill-tebalay-wl'
		);
		expect(gauge).toMatchObject({ name: 'Tebalay, town bridge', warning: 120, danger: 160 });
		expect(gauge?.lastValue).toBeGreaterThan(120);

		// The districts ask (injects 20, 21, out of their order): the requests are the drill's.
		await a.deliver(20);
		await a.deliver(21);
		type Snapshot = {
			resources: ResourceView[];
			stock: StockView[];
			requests: RequestView[];
		};
		const picture = async (ex: string | null) => {
			const sse = new SseClient(
				`${app.url}/api/v1/stream${ex ? `?exercise=${ex}` : ''}`,
				undefined,
				bearer(app.auth)
			);
			try {
				return JSON.parse((await sse.waitFor((e) => e.event === 'snapshot')).data) as Snapshot;
			} finally {
				await sse.close();
			}
		};
		const drill = await waitFor('the requests', async () => {
			const s = await picture(A);
			return s.requests.length === 3 ? s : null;
		});
		expect(drill.requests.map((r) => [r.id, r.kindId, r.quantity, r.requester])).toEqual([
			[`${A}-r20-0`, 'excavator', 2, 'Hukumat of Kulob'],
			[`${A}-r21-0`, 'tent', 150, 'Hukumat of Vose'],
			[`${A}-r21-1`, 'water', 8000, 'Hukumat of Vose']
		]);
		expect(drill.requests.every((r) => r.exercise === A && r.status === 'requested')).toBe(true);
		expect(drill.requests[0].incidentId).not.toBeNull(); // the collapse on Charmgaron street
		// Its equipment and stores, registered in its picture, the equipment at its base.
		expect(drill.resources).toHaveLength(7);
		expect(drill.resources.find((r) => r.id === 'drill-coes-exc-1')).toMatchObject({
			kindId: 'excavator',
			agency: 'CoES Khatlon',
			status: 'available',
			exercise: A
		});
		expect(drill.stock.find((s) => s.id === 'drill-coes-wh-kulob:tent')).toMatchObject({
			quantity: 220,
			minimum: 100,
			storeName: 'CoES Khatlon warehouse, Kulob'
		});
		// None of it in the real picture.
		const r = await picture(null);
		const drillRows = [...r.resources, ...r.stock, ...r.requests].filter((x) => x.exercise);
		expect(drillRows).toEqual([]);
	});

	it('a reset deletes exactly that exercise: another exercise and real rows stay', async () => {
		const real = validReport({ reporter: 'public', title: 'A real report during the drill' });
		await pub.publish(topics.incidentReport(), real);
		const b = await runDrill(B);
		await waitFor('the real report', async () =>
			(await app.getJson<IncidentView[]>('/api/v1/incidents')).some((r) => r.title === real.title)
		);
		await waitFor('exercise B', async () => {
			const rows = await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${B}`);
			return of(rows, B).length >= 4;
		});
		// The real picture holds the real report and no row of either drill.
		const realRows = await app.getJson<IncidentView[]>('/api/v1/incidents');
		expect(realRows.filter((r) => r.exercise !== null)).toEqual([]);
		const a = drills[0];
		await a.reset();
		await waitFor('exercise A gone from the incidents', async () => {
			const rows = await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${A}`);
			return of(rows, A).length === 0;
		});
		b.dispose();
		await pub.end();
		await app.kill('SIGTERM');

		// The app is stopped (PGlite allows one process): read its database directly.
		await withDatabase(async (q) => {
			const tables = (
				await q.query<{ table_name: string }>(
					`select table_name from information_schema.columns
					where table_schema = current_schema() and column_name = 'exercise'`
				)
			).map((r) => r.table_name);
			expect(tables).toEqual(
				expect.arrayContaining([
					'exercise_inject',
					'hazard_extent',
					'incident',
					'team',
					'resource',
					'store',
					'stock',
					'resource_request',
					'resource_request_step'
				])
			);
			const count = async (table: string, where: string, params: unknown[] = []) =>
				(
					await q.query<{ n: number }>(
						`select count(*)::int as n from ${table} where ${where}`,
						params
					)
				)[0].n;
			for (const table of tables)
				expect([table, await count(table, 'exercise = $1', [A])]).toEqual([table, 0]);
			expect(await count('exercise_inject', 'exercise = $1', [B])).toBe(b.state.delivered.length);
			expect(await count('hazard_extent', 'exercise = $1', [B])).toBeGreaterThan(0);
			expect(await count('incident', 'exercise = $1', [B])).toBeGreaterThanOrEqual(4);
			expect(await count('exercise', "id = $1 and status = 'reset'", [A])).toBe(1);
			// The demo region (7 teams, 3 gauges, 3 incidents) and the real report are all there.
			expect(await count('team', 'demo')).toBe(7);
			expect(await count('sensor', 'demo')).toBe(3);
			expect(await count('incident', 'demo')).toBe(3);
			expect(await count('incident', 'title = $1 and exercise is null', [real.title])).toBe(1);
		});
	});
});
