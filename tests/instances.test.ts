import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validPosition, validReading } from '$lib/contracts/testing';
import { startApp, type RunningApp } from './helpers/app';
import { REAL, freshDatabase, type TestDatabase } from './helpers/backend';
import { startMosquitto, type Mosquitto } from './helpers/mosquitto';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

const N = 3000;

// Two instances need a database and a broker they can share: PGlite is one process's, and aedes
// has no $share. So this runs on the real backend (PostgreSQL 15 + Mosquitto) only.
describe.runIf(REAL)('two app instances on one PostgreSQL and Mosquitto', () => {
	let mosquitto: Mosquitto;
	let db: TestDatabase;
	const apps: RunningApp[] = [];
	const streams: SseClient[] = [];

	afterAll(async () => {
		for (const s of streams) await s.close();
		for (const a of apps) await a.kill('SIGTERM');
		await mosquitto?.stop();
		await db?.drop();
	});

	it(`stores each of ${N} messages exactly once and streams every change from both`, async () => {
		mosquitto = await startMosquitto();
		db = await freshDatabase();
		// Both start together on the empty database with the demo seed: one seeds, one waits.
		const base = {
			...db.env,
			MQTT_URL: mosquitto.url,
			MQTT_SHARE_GROUP: 'eocwall',
			EOC_SEED: 'demo',
			EOC_DEMO_FEED: 'off'
		};
		const starting = [1, 2].map((i) =>
			startApp({ ...base, MQTT_CLIENT_ID: `eocwall-i${i}-${randomBytes(3).toString('hex')}` })
		);
		apps.push(...(await Promise.all(starting)));
		for (const a of apps) {
			const s = new SseClient(`${a.url}/api/v1/stream`, undefined, bearer(a.auth));
			await s.waitFor((e) => e.event === 'snapshot');
			streams.push(s);
		}
		const pub = await connect(mosquitto.url);
		await publishAll(
			pub,
			Array.from({ length: N }, (_, i) =>
				i % 2
					? { topic: topics.position(`tm-${i % 40}`), payload: JSON.stringify(validPosition()) }
					: { topic: topics.sensorReading(`sn-${i % 10}`), payload: JSON.stringify(validReading()) }
			)
		);
		await end(pub);

		const sql = postgres(db.url as string, { max: 1, onnotice: () => {} });
		const n = async (q: string) => Number((await sql.unsafe(q))[0].n);
		await waitFor(
			'all stored',
			async () => (await n('select count(*) as n from ingested_message')) >= N,
			60_000,
			250
		);
		const maxChange = await n('select max(id) as n from change');
		await Promise.all(streams.map((s) => s.waitFor((e) => Number(e.id) === maxChange, 15_000)));
		expect(await n('select count(*) as n from ingested_message')).toBe(N);
		expect(await n("select count(*) as n from team where id = 'kulob-rescue-1'")).toBe(1);
		expect(
			// this test's rows only: the demo seed has trails and six hours of gauge readings of its own
			(await n("select count(*) as n from team_position where team_id like 'tm-%'")) +
				(await n("select count(*) as n from sensor_reading where sensor_id like 'sn-%'"))
		).toBe(N);

		// Both instances ingested a share (the $share group split the load)...
		const stored = await Promise.all(
			apps.map(async (a) => {
				const text = await (await a.fetch(`/metrics`)).text();
				return [
					...text.matchAll(/eocwall_ingest_messages_total\{[^}]*outcome="stored"\} (\d+)/g)
				].reduce((s, m) => s + Number(m[1]), 0);
			})
		);
		expect(stored[0] + stored[1]).toBe(N);
		expect(Math.min(...stored)).toBeGreaterThan(0);
		// ...and each stream saw every change, whichever instance committed it.
		const all = (await sql.unsafe('select id from change order by id')).map((r) => String(r.id));
		await sql.end();
		// (From its snapshot on: what committed before it, the alarms the engine raised at start
		// from the demo seed's waiting report say, is in the snapshot itself.)
		for (const s of streams) {
			const snapshotAt = Number(s.events.find((e) => e.event === 'snapshot')?.id ?? 0);
			const ids = s.events.filter((e) => e.event !== 'snapshot').map((e) => e.id);
			const after = all.filter((id) => Number(id) > snapshotAt);
			expect(after.length).toBeGreaterThan(0);
			expect(ids).toEqual(after);
		}
	});
});
