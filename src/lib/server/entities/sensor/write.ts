/**
 * Every write to the sensor's tables (`sensor`, `sensor_reading`): the ingest handlers, the drill
 * roster, the console's settings page and the demo seed call these, and nothing else writes them.
 * The readings name the sensors they moved in the caller's change set.
 *
 * The picture guard (ingest/picture.ts, docs/ingest.md) holds in SQL here too: a reading of
 * another picture than the sensor's never updates it (`exercise is not distinct from`), a drill
 * never re-registers another picture's gauge, and a late reading never moves a gauge back.
 */
import type { ExerciseSensor } from '$lib/contracts';
import type { Database, Queryable } from '../../db/types';
import { sensor, sensorReading } from '../../db/schema';
import { bulk } from '../../db/bulk';
import { copyNumber, copyText, copyTime } from '../../db/copy';
import { newestBy } from '../../ingest/handlers/types';
import { addChange, type ChangeSet } from '../../live/changes';
import { recordOf, type RowOf } from '../record';

const READING = recordOf(sensorReading, [
	'sensorId',
	'ts',
	'kind',
	'value',
	'unit',
	'exercise'
] as const);

/** One reading of a sensor. */
export type ReadingRow = RowOf<typeof sensorReading, (typeof READING.keys)[number]>;

/**
 * Stores every reading (COPY: the ingest's biggest insert), then moves each sensor to its newest
 * one, if newer than what it holds. An unknown sensor is created from its first reading (named by
 * its id) rather than lost.
 */
export async function writeReadings(
	tx: Queryable,
	rows: ReadingRow[],
	changes: ChangeSet
): Promise<void> {
	let data = '';
	for (const r of rows) {
		data +=
			`${copyText(r.sensorId)}\t${copyTime(r.ts)}\t${copyText(r.kind)}\t` +
			`${copyNumber(r.value)}\t${copyText(r.unit)}\t${copyText(r.exercise)}\n`;
	}
	await tx.copyIn('sensor_reading', READING.columns, data);
	const newest = newestBy(rows, (r) => r.sensorId); // one per sensor
	await bulk(
		tx,
		(r) => `insert into sensor (id, kind, name, unit, last_value, last_ts, exercise)
		select "sensorId", kind, "sensorId", unit, value, ts, exercise from ${r} as x(${READING.type})
		on conflict (id) do update set last_value = excluded.last_value, last_ts = excluded.last_ts,
			unit = coalesce(excluded.unit, sensor.unit)
		where sensor.exercise is not distinct from excluded.exercise
			and (sensor.last_ts is null or sensor.last_ts < excluded.last_ts)`,
		newest
	);
	for (const r of newest) addChange(changes, 'sensor', r.sensorId);
}

const DRILL = recordOf(sensor, [
	'id',
	'kind',
	'name',
	'unit',
	'lat',
	'lon',
	'warning',
	'danger',
	'exercise'
] as const);

/**
 * Registers a drill's gauges as rows of its exercise, never taking over another picture's row.
 * Records no change: the gauges reach the walls with their first reading.
 */
export async function registerDrillSensors(
	tx: Queryable,
	exercise: string,
	sensors: ExerciseSensor[]
): Promise<void> {
	await bulk(
		tx,
		(r) => `insert into sensor (${DRILL.columns.join(', ')})
		select ${DRILL.fields} from ${r} as x(${DRILL.type})
		on conflict (id) do update set kind = excluded.kind, name = excluded.name,
			unit = coalesce(excluded.unit, sensor.unit), lat = excluded.lat, lon = excluded.lon,
			warning = excluded.warning, danger = excluded.danger
		where sensor.exercise = excluded.exercise`,
		sensors.map((x) => ({ ...x, exercise }))
	);
}

/** A gauge's thresholds, null for none. */
export type Thresholds = RowOf<typeof sensor, 'warning' | 'danger'>;

/**
 * Sets a gauge's thresholds (the console's settings page, which writes the audit entry) and names
 * the gauge in `changes`; returns the ones it held, or undefined when there is no such gauge.
 */
export async function writeThresholds(
	tx: Queryable,
	changes: ChangeSet,
	id: string,
	t: Thresholds
): Promise<Thresholds | undefined> {
	const [row] = await tx.query<Thresholds>(
		`select warning, danger from sensor where id = $1 for update`,
		[id]
	);
	if (!row) return undefined;
	await tx.query(`update sensor set warning = $2, danger = $3 where id = $1`, [
		id,
		t.warning,
		t.danger
	]);
	addChange(changes, 'sensor', id);
	return { warning: row.warning, danger: row.danger };
}

/** The demo seed's gauges and their readings (one transaction of the seed, before any wall). */
export async function seedSensors(
	orm: Pick<Database['orm'], 'insert'>,
	sensors: (typeof sensor.$inferInsert)[],
	readings: (typeof sensorReading.$inferInsert)[]
): Promise<void> {
	await orm.insert(sensor).values(sensors);
	await orm.insert(sensorReading).values(readings);
}
