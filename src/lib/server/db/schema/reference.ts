import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { ReferenceStyle } from '../../../reference/types';
import { tz } from './columns';

export type { ReferenceStyle };

/**
 * A reference layer the EOC imported (districts, rivers, settlements, roads): GeoJSON kept whole,
 * served by the app, drawn with its style. Replaced as a unit on re-import.
 */
export const referenceLayer = pgTable('reference_layer', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	// boundary | river | settlement | road | other
	kind: text('kind').notNull(),
	style: jsonb('style').$type<ReferenceStyle>().notNull().default({}),
	data: jsonb('data').$type<GeoJSON.FeatureCollection>().notNull(),
	featureCount: integer('feature_count').notNull(),
	bbox: jsonb('bbox').$type<[number, number, number, number]>(),
	source: text('source'),
	sortOrder: integer('sort_order').notNull().default(0),
	updatedAt: tz('updated_at')
		.notNull()
		.default(sql`now()`)
});
export type ReferenceLayer = typeof referenceLayer.$inferSelect;
