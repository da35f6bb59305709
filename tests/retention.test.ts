import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceRetention } from '$lib/server/ops/retention';
import { BACKEND } from './helpers/backend';
import { count, startInProcess, type InProcess } from './helpers/inprocess';

const ageCol: Record<string, string> = {
	team_position: 'ts',
	sensor_reading: 'ts',
	ingested_message: 'received_at',
	dead_letter: 'received_at'
};

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
		// The app's own retention job also runs at start-up, possibly while these rows go in, so the
		// test checks what is left rather than who deleted it.
		await enforceRetention(db, app.services.config.RETENTION_DAYS);
		const left = async (table: string, where: string) => ({
			old: await count(
				app.services,
				table,
				`${where} and ${ageCol[table]} < now() - interval '30 days'`
			),
			recent: await count(
				app.services,
				table,
				`${where} and ${ageCol[table]} >= now() - interval '30 days'`
			)
		});
		expect(await left('team_position', "team_id = 'ret'")).toEqual({ old: 0, recent: 1 });
		expect(await left('sensor_reading', "sensor_id = 'ret'")).toEqual({ old: 0, recent: 1 });
		expect(await left('ingested_message', "sender = 'team:ret'")).toEqual({ old: 0, recent: 1 });
		expect(await left('dead_letter', "reason = 'not_json' and detail = 'x'")).toEqual({
			old: 0,
			recent: 1
		});
	});
});
