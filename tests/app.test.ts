import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validPosition } from '$lib/contracts/testing';
import type { Snapshot, TeamView } from '$lib/live/types';
import { ROOT, getJson, startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { connect, end, publishAll } from './helpers/mqtt';
import { freePort, waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

const START = join(ROOT, 'scripts', 'start.js');

/** What `npm start` runs, with the given environment, to its exit (for start-up failures). */
function startToExit(env: Record<string, string>) {
	return spawnSync(process.execPath, [START], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
		encoding: 'utf8',
		timeout: 60_000
	});
}

describe(`the app as npm start runs it, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqttUrl: string;
	let wsPort: string | undefined;

	beforeAll(async () => {
		// An empty directory, as on a fresh clone: the app migrates and seeds it itself.
		db = await freshDatabase({ empty: true });
		const mqtt = await mqttEnv();
		mqttUrl = mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`;
		// MQTT over WebSocket is off unless configured: this app turns it on.
		wsPort = REAL ? undefined : String(await freePort());
		// Default seed (demo), as a newcomer gets it.
		app = await startApp(
			{ ...db.env, ...mqtt, ...(wsPort ? { MQTT_WS_PORT: wsPort } : {}), EOC_SEED: '' },
			{ entry: START, healthTimeoutMs: 120_000 }
		);
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('answers with the Kulob demo region, marked as demo', async () => {
		const teams = await app.getJson<TeamView[]>(`/api/v1/teams`);
		expect(teams.length).toBeGreaterThanOrEqual(5);
		expect(teams.every((t) => t.demo)).toBe(true);
		expect(teams.map((t) => t.id)).toContain('kulob-rescue-1');
		const health = await getJson<{ status: string; database: { backend: string } }>(
			`${app.url}/api/health`
		);
		expect(health).toMatchObject({
			status: 'ok',
			database: { backend: REAL ? 'postgres' : 'pglite' }
		});
	});

	it('shows a published position on /api/v1/teams and on the stream, and resumes by Last-Event-ID', async () => {
		const sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		const snap = await sse.waitFor((e) => e.event === 'snapshot');
		expect((JSON.parse(snap.data) as Snapshot).teams.length).toBeGreaterThan(0);
		const pub = await connect(mqttUrl);
		await publishAll(pub, [
			{
				topic: topics.position('kulob-test-1'),
				payload: JSON.stringify(validPosition({ lat: 37.9444, lon: 69.8111 }))
			}
		]);
		const ev = await sse.waitFor((e) => e.event === 'team' && JSON.parse(e.data).lat === 37.9444);
		expect(JSON.parse(ev.data)).toMatchObject({ id: 'kulob-test-1', lon: 69.8111 });
		const teams = await app.getJson<TeamView[]>(`/api/v1/teams`);
		expect(teams.find((t) => t.id === 'kulob-test-1')).toMatchObject({ lat: 37.9444 });
		await sse.close();

		// A browser that was away gets what it missed, and no snapshot.
		await publishAll(pub, [
			{
				topic: topics.position('kulob-test-2'),
				payload: JSON.stringify(validPosition({ lat: 37.9555, lon: 69.8222 }))
			}
		]);
		await end(pub);
		const resumed = new SseClient(`${app.url}/api/v1/stream`, ev.id ?? undefined, bearer(app.auth));
		const next = await resumed.waitFor(
			(e) => e.event === 'team' && JSON.parse(e.data).id === 'kulob-test-2'
		);
		expect(JSON.parse(next.data)).toMatchObject({ lat: 37.9555 });
		// nothing from before the resume point is sent again
		expect(resumed.events.every((e) => Number(e.id) > Number(ev.id))).toBe(true);
		expect(resumed.events.some((e) => e.event === 'snapshot')).toBe(false);
		await resumed.close();
	});

	// The embedded broker also speaks MQTT over WebSocket, for browsers (a real broker has its own).
	it.runIf(!REAL)('accepts MQTT over WebSocket on the embedded broker', async () => {
		const ws = await connect(`ws://127.0.0.1:${wsPort}`);
		await publishAll(ws, [
			{
				topic: topics.position('kulob-ws-1'),
				payload: JSON.stringify(validPosition({ lat: 37.9, lon: 69.7 }))
			}
		]);
		await end(ws);
		const team = await waitFor('the ws position', async () =>
			(await app.getJson<TeamView[]>(`/api/v1/teams`)).find((t) => t.id === 'kulob-ws-1')
		);
		expect(team).toMatchObject({ lat: 37.9, lon: 69.7 });
	});

	it('refuses a bad Last-Event-ID and bad query strings with a 400 and a reason', async () => {
		const r = await app.fetch(`/api/v1/stream`, { headers: { 'last-event-id': 'abc' } });
		expect(r.status).toBe(400);
		expect(await r.text()).toContain('Last-Event-ID');
		const d = await app.fetch(`/api/v1/dead-letters?limit=0`);
		expect(d.status).toBe(400);
		const i = await app.fetch(`/api/v1/incidents?closed=maybe`);
		expect(i.status).toBe(400);
	});

	it('keeps the demo alive: demo teams move over MQTT', async () => {
		const before = await app.getJson<TeamView[]>(`/api/v1/teams`);
		const t0 = before.find((t) => t.id === 'kulob-rescue-2')?.positionTs;
		const moved = await waitFor(
			'a demo team to report again',
			async () => {
				const teams = await app.getJson<TeamView[]>(`/api/v1/teams`);
				const t = teams.find((x) => x.id === 'kulob-rescue-2');
				return t && t.positionTs !== t0 ? t : null;
			},
			15_000,
			500
		);
		expect(moved.demo).toBe(true);
	});

	it('serves Prometheus metrics', async () => {
		const text = await (await app.fetch(`/metrics`)).text();
		expect(text).toMatch(
			/eocwall_ingest_messages_total\{family="position",outcome="stored"\} [1-9]/
		);
		expect(text).toContain('eocwall_ingest_commit_seconds_bucket');
		expect(text).toContain('eocwall_stream_clients');
	});
});

describe('start-up refuses a bad configuration with a message per variable', () => {
	it('names each bad variable and exits non-zero', async () => {
		const r = startToExit({ PORT: '99999', MQTT_URL: 'http://nope', LOG_LEVEL: 'loud' });
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('PORT must be between 1 and 65535');
		expect(r.stderr).toContain('MQTT_URL must be a URL starting with mqtt://');
		expect(r.stderr).toContain('LOG_LEVEL must be one of');
	});

	it('says what to do when the embedded broker port is taken', async () => {
		const busy = createServer();
		const port = await freePort();
		await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
		const db = await freshDatabase();
		try {
			const r = startToExit({
				...(REAL ? { DATABASE_URL: db.url as string } : db.env),
				PORT: String(await freePort()),
				MQTT_PORT: String(port),
				EOC_SEED: 'none'
			});
			expect(r.status).toBe(1);
			expect(r.stderr).toContain(`MQTT port ${port} is already in use`);
			expect(r.stderr).toContain('set MQTT_URL');
		} finally {
			busy.close();
			await db.drop();
		}
	});
});
