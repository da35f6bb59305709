/**
 * The Kulob drill against the built app (one app for the file): drill traffic arrives with its
 * exercise id (incidents, teams, gauges, hazard extents, inject records), and a reset deletes
 * exactly that exercise's rows: another exercise's and the real (demo) rows stay.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validReport } from '$lib/contracts/testing';
import type { HazardView, IncidentView, SensorView, TeamView } from '$lib/live/types';
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
		const q = await openDatabase({
			DATABASE_URL: db.env.DATABASE_URL,
			PGLITE_DIR: db.env.PGLITE_DIR ?? ''
		});
		try {
			await q.migrate(join(ROOT, 'drizzle'));
			const tables = (
				await q.query<{ table_name: string }>(
					`select table_name from information_schema.columns
					where table_schema = current_schema() and column_name = 'exercise'`
				)
			).map((r) => r.table_name);
			expect(tables).toEqual(
				expect.arrayContaining(['exercise_inject', 'hazard_extent', 'incident', 'team'])
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
		} finally {
			await q.close();
		}
	});
});
