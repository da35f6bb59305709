import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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

/** What a published message of an inject's effect was: how the after-action report finds it. */
export interface InjectEffectRef {
	/** Topic family (src/lib/contracts/topics.ts) and the id in the topic, if any. */
	family: string;
	id: string | null;
	/** MQTT client id of the publisher and the message's msgId: the ingest's dedup key. */
	sender: string;
	msgId: string;
}

/**
 * One inject of a drill as delivered (Master Scenario Events List, after HSEEP): the after-action
 * report compares what operators did, and when, with `expectedKind` and `deliveredAt`.
 */
export const exerciseInject = pgTable(
	'exercise_inject',
	{
		exercise: text('exercise').notNull(),
		number: integer('number').notNull(),
		scenarioSec: integer('scenario_sec').notNull(),
		// contextual | expected_action | contingency
		type: text('type').notNull(),
		fromActor: text('from_actor').notNull(),
		toPlayer: text('to_player').notNull(),
		message: text('message').notNull(),
		expectedAction: text('expected_action'),
		// simulators/engine/types.ts ExpectedActionKind
		expectedKind: text('expected_kind').notNull().default('none'),
		objective: text('objective'),
		effects: jsonb('effects').$type<InjectEffectRef[]>().notNull().default([]),
		deliveredAt: tz('delivered_at').notNull(),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		primaryKey({ columns: [t.exercise, t.number] }),
		index('exercise_inject_delivered_idx').on(t.exercise, t.deliveredAt)
	]
);
export type ExerciseInject = typeof exerciseInject.$inferSelect;
