import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, REAL, freshDatabase, type TestDatabase } from './helpers/backend';
import { startBroker, type Broker } from './helpers/broker';
import { connect, end } from './helpers/mqtt';
import { pgliteCounts } from './helpers/pglite-count';
import { waitFor } from './helpers/ports';
import { insertResources, killStatuses } from './helpers/resources';

const TOTAL = 20_000;
// The outage is made by stopping this machine's cluster: only when DATABASE_URL points at it.
const LOCAL_PG =
	REAL &&
	['127.0.0.1', 'localhost', '[::1]'].includes(new URL(process.env.DATABASE_URL ?? 'x:').hostname);
const SENSORS = 20;
const COUNTS = {
	stored: 'select count(*)::int as n from ingested_message',
	readings: 'select count(*)::int as n from sensor_reading',
	distinct: 'select count(distinct (sensor_id, ts))::int as n from sensor_reading',
	dead: 'select count(*)::int as n from dead_letter',
	quantities: killStatuses.query
};

function pgCluster(action: 'stop' | 'start') {
	return new Promise<void>((resolve, reject) => {
		const p = spawn(
			'sh',
			['-c', `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main ${action}`],
			{
				stdio: 'inherit'
			}
		);
		p.once('exit', (c) =>
			c === 0 ? resolve() : reject(new Error(`pg_ctlcluster ${action}: ${c}`))
		);
	});
}

describe(`kill test on ${BACKEND}`, () => {
	let broker: Broker | null = null;
	let db: TestDatabase | null = null;
	let app: RunningApp | null = null;
	let pgStopped = false;

	afterAll(async () => {
		if (pgStopped) await pgCluster('start');
		await app?.kill('SIGKILL');
		await broker?.stop();
		await db?.drop();
	});

	it(`stores exactly ${TOTAL} of ${TOTAL} QoS 1 messages though the ingest is SIGKILLed twice${LOCAL_PG ? ' and PostgreSQL is down for 10 s' : ''}`, async () => {
		broker = await startBroker();
		db = await freshDatabase();
		await insertResources(
			db.env,
			killStatuses.ids('kill').map((id) => ({ id }))
		);
		const env = {
			...db.env,
			MQTT_URL: broker.url,
			MQTT_CLIENT_ID: `eocwall-kill-${randomBytes(3).toString('hex')}`, // the same across restarts
			// Small batches slow the ingest so that a backlog is held when the kill comes.
			INGEST_MAX_BATCH: '20'
		};
		app = await startApp(env);
		const pub = await connect(broker.url, `kill-pub-${randomBytes(3).toString('hex')}`);
		const t0 = Date.now() - 60_000;
		const kills: number[] = [];
		let sent = 0;
		// As fast as the broker takes them: faster than the ingest commits, so that a backlog is
		// in flight at each kill (an ingest that acked before committing would lose it).
		const publishing = (async () => {
			const window: Promise<unknown>[] = [];
			for (let i = 0; i < TOTAL; i++) {
				// Every tenth a resource's status (#15), the rest gauge readings.
				const { topic, payload } = killStatuses.is(i)
					? killStatuses.message('kill', i, t0 + i)
					: {
							topic: topics.sensorReading(`kill-s${i % SENSORS}`),
							payload: JSON.stringify({
								msgId: `k-${i}`,
								ts: t0 + i,
								kind: 'water_level_cm',
								value: i
							})
						};
				window.push(pub.publishAsync(topic, payload, { qos: 1 }));
				if (window.length >= 500) await Promise.all(window.splice(0));
				sent = i + 1;
			}
			await Promise.all(window);
		})();

		const killAt = async (n: number) => {
			await waitFor(`${n} published`, () => sent >= n, 60_000, 5);
			// Lands wherever the ingest is: often between receiving a batch and committing it,
			// which loses that batch if anything acks too early.
			await app?.kill('SIGKILL');
			kills.push(sent);
			app = await startApp(env);
		};
		await killAt(5_000);
		if (LOCAL_PG) {
			// The database goes away mid-stream: the ingest holds its acks, retries, and resumes.
			await waitFor('8000 published', () => sent >= 8_000, 60_000, 5);
			await pgCluster('stop');
			pgStopped = true;
			await new Promise((r) => setTimeout(r, 10_000));
			await pgCluster('start');
			pgStopped = false;
		}
		await killAt(REAL ? TOTAL : 12_000); // on the real backend: amid the post-outage backlog
		await publishing;
		await end(pub);
		expect(kills).toHaveLength(2);

		let counts: Record<string, number>;
		if (REAL) {
			const sql = postgres(db.url as string, { max: 1, onnotice: () => {} });
			const read = async () => {
				const out: Record<string, number> = {};
				for (const [k, q] of Object.entries(COUNTS)) out[k] = (await sql.unsafe(q))[0].n;
				return out;
			};
			counts = await waitFor(
				'all stored',
				async () => {
					const c = await read();
					return c.stored >= TOTAL ? c : null;
				},
				120_000,
				500
			).catch(async (e) => {
				throw new Error(`${e.message}: ${JSON.stringify(await read())}`, { cause: e });
			});
			await sql.end();
		} else {
			// PGlite belongs to the app while it runs: wait for the last value, then for idle.
			await waitFor(
				'the last reading',
				async () => {
					const r = await app!.fetch(`/api/v1/sensors`);
					const sensors = (await r.json()) as { lastValue: number | null }[];
					return sensors.some((s) => s.lastValue === TOTAL - 1);
				},
				120_000,
				250
			);
			let idle = 0;
			await waitFor(
				'ingest idle',
				async () => {
					const h = (await (await fetch(`${app?.url}/api/health`)).json()) as {
						ingest: { pending: number };
					};
					idle = h.ingest.pending === 0 ? idle + 1 : 0;
					return idle >= 6;
				},
				60_000,
				500
			);
			await app?.kill('SIGTERM');
			app = null;
			counts = await pgliteCounts(db.env.PGLITE_DIR, COUNTS);
		}
		const readings = TOTAL - killStatuses.count(TOTAL);
		expect(counts).toEqual({
			stored: TOTAL,
			readings,
			distinct: readings,
			dead: 0,
			quantities: killStatuses.sum(TOTAL)
		});
	});
});
