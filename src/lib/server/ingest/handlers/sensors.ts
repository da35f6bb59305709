import { bulk } from '../../db/bulk';
import { addChange } from '../../live/changes';
import { newestBy, type Handler } from './types';

const COLUMNS = `"sensorId" text, ts timestamptz, kind text, value float8, unit text, exercise text`;

export const readings: Handler<'sensor_reading'> = async (tx, messages, changes) => {
	const rows = messages.map((m) => ({
		sensorId: m.sensorId,
		ts: m.ts,
		kind: m.body.kind,
		value: m.body.value,
		unit: m.body.unit ?? null,
		exercise: m.exercise
	}));
	await bulk(
		tx,
		(r) => `insert into sensor_reading (sensor_id, ts, kind, value, unit, exercise)
		select "sensorId", ts, kind, value, unit, exercise from ${r} as x(${COLUMNS})`,
		rows
	);
	// An unknown sensor is created from its first reading (named by its id) rather than lost.
	await bulk(
		tx,
		(r) => `insert into sensor (id, kind, name, unit, last_value, last_ts, exercise)
		select "sensorId", kind, "sensorId", unit, value, ts, exercise from ${r} as x(${COLUMNS})
		on conflict (id) do update set last_value = excluded.last_value, last_ts = excluded.last_ts,
			unit = coalesce(excluded.unit, sensor.unit), exercise = excluded.exercise
		where sensor.last_ts is null or sensor.last_ts < excluded.last_ts`,
		newestBy(rows, (r) => r.sensorId)
	);
	for (const m of messages) addChange(changes, 'sensor', m.sensorId);
};
