import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/** One language's text of a warning. */
export type WarningText = { headline: string; description: string; instruction: string };

/**
 * A CAP 1.2 warning drafted in the console (from an alarm or from scratch), approved by a
 * supervisor who did not draft it, then issued through the CAP path (`alert.id` in `alert_id`).
 * Status: draft -> approved -> issued, or draft -> rejected. Each step is also in the audit log.
 */
export const warning = pgTable(
	'warning',
	{
		id: text('id').primaryKey(),
		status: text('status').notNull().default('draft'),
		// the template: mudflow | flood | landslide | earthquake | other
		hazard: text('hazard').notNull(),
		alarmId: text('alarm_id'),
		severity: text('severity').notNull(),
		urgency: text('urgency').notNull(),
		certainty: text('certainty').notNull(),
		/** tg, ru, en: one CAP info block each. */
		texts: jsonb('texts').$type<Record<'tg' | 'ru' | 'en', WarningText>>().notNull(),
		areaDesc: text('area_desc').notNull(),
		/** The warned area: a polygon from the hazard extent or circles around affected places. */
		area: jsonb('area').$type<GeoJSON.Polygon | GeoJSON.MultiPolygon>().notNull(),
		places: jsonb('places').$type<string[]>().notNull().default([]),
		expiresAt: tz('expires_at').notNull(),
		draftedBy: text('drafted_by').notNull(),
		draftedAt: tz('drafted_at').notNull(),
		decidedBy: text('decided_by'),
		decidedAt: tz('decided_at'),
		rejectReason: text('reject_reason'),
		alertId: text('alert_id'),
		exercise: text('exercise'),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('warning_status_idx').on(t.status, t.draftedAt.desc())]
);
export type Warning = typeof warning.$inferSelect;
