import type { SensorView } from '$lib/live/types';
import { col, defineView, ts, type ViewFields } from '../view';

/** What a screen sees of a sensor (a gauge), from a `sensor` row. */
export const sensorFields = {
	id: col('id'),
	kind: col('kind'),
	name: col('name'),
	unit: col('unit'),
	lat: col('lat'),
	lon: col('lon'),
	warning: col('warning'),
	danger: col('danger'),
	lastValue: col('last_value'),
	lastTs: ts('last_ts'),
	exercise: col('exercise'),
	demo: col('demo')
} satisfies ViewFields<SensorView>;

export const sensorView = defineView<SensorView>('s', sensorFields);

/** The change log's read: (entity_id, data) of the sensors whose ids are $1 (a text[]). */
export const sensorsById = `select s.id as entity_id, ${sensorView.sql()} as data from sensor s
	where s.id = any($1::text[])`;
