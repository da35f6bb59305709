import { bulk } from '../../db/bulk';
import { copyNumber, copyText, copyTime } from '../../db/copy';
import { addChange } from '../../live/changes';
import { newestBy, type Handler } from './types';

const COLUMNS = `"sensorId" text, ts timestamptz, kind text, value float8, unit text, exercise text`;
const READING_COLUMNS = ['sensor_id', 'ts', 'kind', 'value', 'unit', 'exercise'] as const;

export const readings: Handler<'sensor_reading'> = async (tx, messages, changes) => {
	let data = '';
	for (const m of messages) {
		data +=
			`${copyText(m.sensorId)}\t${copyTime(m.ts)}\t${copyText(m.body.kind)}\t` +
			`${copyNumber(m.body.value)}\t${copyText(m.body.unit ?? null)}\t${copyText(m.exercise)}\n`;
	}
	await tx.copyIn('sensor_reading', READING_COLUMNS, data);
	const newest = newestBy(messages, (m) => m.sensorId); // one per sensor
	// An unknown sensor is created from its first reading (named by its id) rather than lost.
	await bulk(
		tx,
		(r) => `insert into sensor (id, kind, name, unit, last_value, last_ts, exercise)
		select "sensorId", kind, "sensorId", unit, value, ts, exercise from ${r} as x(${COLUMNS})
		on conflict (id) do update set last_value = excluded.last_value, last_ts = excluded.last_ts,
			unit = coalesce(excluded.unit, sensor.unit)
		where sensor.exercise is not distinct from excluded.exercise
			and (sensor.last_ts is null or sensor.last_ts < excluded.last_ts)`,
		newest.map((m) => ({
			sensorId: m.sensorId,
			ts: m.ts,
			kind: m.body.kind,
			value: m.body.value,
			unit: m.body.unit ?? null,
			exercise: m.exercise
		}))
	);
	for (const m of newest) addChange(changes, 'sensor', m.sensorId);
};
