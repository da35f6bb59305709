import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text
} from 'drizzle-orm/pg-core';
import { tz } from './columns';

/** The area a hazard covers at a time; the newest by ts per hazard is the current one. */
export const hazardExtent = pgTable(
	'hazard_extent',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		hazardId: text('hazard_id').notNull(),
		ts: tz('ts').notNull(),
		kind: text('kind').notNull(),
		geometry: jsonb('geometry').$type<GeoJSON.Polygon | GeoJSON.MultiPolygon>().notNull(),
		depthM: doublePrecision('depth_m'),
		volumeM3: doublePrecision('volume_m3'),
		exercise: text('exercise'),
		demo: boolean('demo').notNull().default(false),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('hazard_extent_hazard_ts_idx').on(t.hazardId, t.ts.desc())]
);
export type HazardExtent = typeof hazardExtent.$inferSelect;

export const shelter = pgTable('shelter', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	capacity: integer('capacity').notNull(),
	occupancy: integer('occupancy').notNull().default(0),
	demo: boolean('demo').notNull().default(false),
	updatedAt: tz('updated_at')
		.notNull()
		.default(sql`now()`)
});
export type Shelter = typeof shelter.$inferSelect;
