import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/** A river or rain gauge. `lastValue`/`lastTs` hold the newest reading by its own ts. */
export const sensor = pgTable('sensor', {
	id: text('id').primaryKey(),
	kind: text('kind').notNull(),
	name: text('name').notNull(),
	unit: text('unit'),
	lat: doublePrecision('lat'),
	lon: doublePrecision('lon'),
	warning: doublePrecision('warning'),
	danger: doublePrecision('danger'),
	lastValue: doublePrecision('last_value'),
	lastTs: tz('last_ts'),
	exercise: text('exercise'),
	demo: boolean('demo').notNull().default(false),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type Sensor = typeof sensor.$inferSelect;

export const sensorReading = pgTable(
	'sensor_reading',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		sensorId: text('sensor_id').notNull(),
		ts: tz('ts').notNull(),
		kind: text('kind').notNull(),
		value: doublePrecision('value').notNull(),
		unit: text('unit'),
		exercise: text('exercise'),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	// "Readings of a sensor over a window" (sparklines) and the retention job's range delete.
	(t) => [
		index('sensor_reading_sensor_ts_idx').on(t.sensorId, t.ts),
		index('sensor_reading_ts_idx').on(t.ts)
	]
);
export type SensorReading = typeof sensorReading.$inferSelect;
