import { sql } from 'drizzle-orm';
import { doublePrecision, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * The EOC's own places, added by an admin: jamoats, villages, schools, bridges, gauges, with
 * the names callers use for them. Searched beside the GeoNames settlements and the named
 * features of reference layers.
 */
export const place = pgTable('place', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	altNames: jsonb('alt_names').$type<string[]>().notNull().default([]),
	// jamoat | village | school | bridge | gauge | shelter | other
	kind: text('kind').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	population: integer('population'),
	createdBy: text('created_by'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type Place = typeof place.$inferSelect;
