import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { startApp, type RunningApp } from './helpers/app';
import { REAL, freshDatabase, type TestDatabase } from './helpers/backend';
import { connect, end } from './helpers/mqtt';
import { pgliteCounts } from './helpers/pglite-count';
import { freePort, waitFor } from './helpers/ports';
import { insertResources, killStatuses } from './helpers/resources';

const TOTAL = 20_000;
const COUNTS = {
	stored: 'select count(*)::int as n from ingested_message',
	readings: 'select count(*)::int as n from sensor_reading',
	dead: 'select count(*)::int as n from dead_letter',
	quantities: killStatuses.query
};

// The default set-up: the broker lives in the app. Killing the app kills the broker too, so the
// messages it had acknowledged must already be stored: the ingest takes them at the broker's door
// and the device gets its PUBACK only after the commit. The device (mqtt.js) keeps what is not
// acknowledged and sends it again when the restarted app's broker is back.
describe(`kill test with the embedded broker in the app (${REAL ? 'PostgreSQL' : 'PGlite'})`, () => {
	let db: TestDatabase | null = null;
	let app: RunningApp | null = null;
	afterAll(async () => {
		await app?.kill('SIGKILL');
		await db?.drop();
	});

	it(`stores exactly ${TOTAL} of ${TOTAL} though the app and its broker are SIGKILLed twice`, async () => {
		db = await freshDatabase();
		await insertResources(
			db.env,
			killStatuses.ids('emb').map((id) => ({ id }))
		);
		const port = await freePort();
		const env = { ...db.env, MQTT_PORT: String(port) };
		app = await startApp(env);
		const url = `mqtt://127.0.0.1:${port}`;
		const pub = await connect(url, `kill-emb-${randomBytes(3).toString('hex')}`);
		const t0 = Date.now() - 60_000;
		let sent = 0;
		const publishing = (async () => {
			const window: Promise<unknown>[] = [];
			for (let i = 0; i < TOTAL; i++) {
				// Every tenth a resource's status (#15), the rest gauge readings.
				const { topic, payload } = killStatuses.is(i)
					? killStatuses.message('emb', i, t0 + i)
					: {
							topic: topics.sensorReading(`emb-s${i % 20}`),
							payload: JSON.stringify({ msgId: `e-${i}`, ts: t0 + i, kind: 'rain_mm', value: i })
						};
				window.push(pub.publishAsync(topic, payload, { qos: 1 }));
				if (window.length >= 500) await Promise.all(window.splice(0));
				sent = i + 1;
			}
			await Promise.all(window);
		})();
		for (const at of [5_000, 12_000]) {
			await waitFor(`${at} published`, () => sent >= at, 120_000, 5);
			await app.kill('SIGKILL');
			app = await startApp(env);
		}
		await publishing; // every publish acknowledged, across both kills
		await end(pub);
		expect(sent).toBe(TOTAL);

		let counts: Record<string, number>;
		if (REAL) {
			const sql = postgres(db.url as string, { max: 1, onnotice: () => {} });
			counts = {};
			for (const [k, q] of Object.entries(COUNTS)) counts[k] = (await sql.unsafe(q))[0].n;
			await sql.end();
		} else {
			await app.kill('SIGTERM');
			app = null;
			counts = await pgliteCounts(db.env.PGLITE_DIR, COUNTS);
		}
		expect(counts).toEqual({
			stored: TOTAL,
			readings: TOTAL - killStatuses.count(TOTAL),
			dead: 0,
			quantities: killStatuses.sum(TOTAL)
		});
	});
});
