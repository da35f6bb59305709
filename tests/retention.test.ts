import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceRetention } from '$lib/server/retention';
import { BACKEND } from './helpers/backend';
import { count, startInProcess, type InProcess } from './helpers/inprocess';

describe(`retention on ${BACKEND}`, () => {
	let app: InProcess;
	beforeAll(async () => {
		app = await startInProcess({ RETENTION_DAYS: '30' });
	});
	afterAll(async () => app.stop());

	it('deletes time series, dedup keys and dead letters older than the window, and nothing newer', async () => {
		const db = app.services.db;
		for (const days of [31, 29]) {
			const at = `now() - interval '${days} days'`;
			await db.query(
				`insert into team_position (team_id, ts, lat, lon) values ('ret', ${at}, 1, 1)`
			);
			await db.query(
				`insert into sensor_reading (sensor_id, ts, kind, value) values ('ret', ${at}, 'rain_mm', 1)`
			);
			await db.query(
				`insert into ingested_message (sender, msg_id, topic, family, ts, received_at, outcome)
				values ('team:ret', 'd${days}', 't', 'position', ${at}, ${at}, 'stored')`
			);
			await db.query(
				`insert into dead_letter (topic, payload, reason, detail, received_at)
				values ('t', '\\x00', 'not_json', 'x', ${at})`
			);
		}
		const deleted = await enforceRetention(db, app.services.config.RETENTION_DAYS);
		expect(deleted).toMatchObject({
			team_position: 1,
			sensor_reading: 1,
			ingested_message: 1,
			dead_letter: 1
		});
		expect(await count(app.services, 'team_position', "team_id = 'ret'")).toBe(1);
		expect(await count(app.services, 'sensor_reading', "sensor_id = 'ret'")).toBe(1);
		expect(await count(app.services, 'ingested_message', "sender = 'team:ret'")).toBe(1);
	});
});
