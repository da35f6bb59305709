import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * A rule an admin edits: when it holds for a subject (a gauge, a team, an incident, a hazard
 * extent, a field report), an alarm fires. `kind` names the test, `params` its validated
 * settings (the zod schema per kind lives in `$lib/contracts/alarm-rule`). Rules apply to every
 * picture; a firing stays in the picture of its subject.
 */
export const alarmRule = pgTable('alarm_rule', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	// gauge_level | gauge_rate | team_silent | team_emergency | incident_unassigned |
	// hazard_reaches | report_waiting | stock_below
	kind: text('kind').notNull(),
	params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
	// warning | danger
	level: text('level').notNull(),
	enabled: boolean('enabled').notNull().default(true),
	/** Escalate (shown as such) when not acknowledged within this many seconds; null: never. */
	escalateAfterS: integer('escalate_after_s'),
	createdBy: text('created_by'),
	updatedAt: tz('updated_at')
		.notNull()
		.default(sql`now()`),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type AlarmRule = typeof alarmRule.$inferSelect;

/**
 * One firing of a rule for one subject: raised when the rule first holds, kept (last_seen moves)
 * while it holds, cleared when it no longer does (a gauge: only below the hysteresis band). At
 * most one uncleared alarm per rule, subject and picture.
 */
export const alarm = pgTable(
	'alarm',
	{
		id: text('id').primaryKey(),
		ruleId: text('rule_id').notNull(),
		// sensor | team | incident | hazard | stock (`{storeId}:{kindId}`)
		subjectKind: text('subject_kind').notNull(),
		subjectId: text('subject_id').notNull(),
		level: text('level').notNull(),
		/** What was seen when it fired and since (value, silent minutes, …): shown beside it. */
		detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
		firstSeen: tz('first_seen').notNull(),
		lastSeen: tz('last_seen').notNull(),
		acknowledgedAt: tz('acknowledged_at'),
		acknowledgedBy: text('acknowledged_by'),
		ackComment: text('ack_comment'),
		clearedAt: tz('cleared_at'),
		exercise: text('exercise'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		uniqueIndex('alarm_active_idx')
			.on(t.ruleId, t.subjectKind, t.subjectId, sql`coalesce(${t.exercise}, '')`)
			.where(sql`cleared_at is null`),
		index('alarm_first_seen_idx').on(t.firstSeen.desc())
	]
);
export type Alarm = typeof alarm.$inferSelect;
