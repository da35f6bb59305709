import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/** A drill run. Every row a drill produces carries its id in an `exercise` column. */
export const exercise = pgTable('exercise', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	scenario: text('scenario'),
	status: text('status').notNull().default('planned'),
	startedAt: tz('started_at'),
	endedAt: tz('ended_at'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type Exercise = typeof exercise.$inferSelect;
