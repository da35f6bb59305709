import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	doublePrecision,
	index,
	integer,
	pgTable,
	text
} from 'drizzle-orm/pg-core';
import { tz } from './columns';

/** A field unit the EOC tracks and tasks: rescue team, vehicle, heavy equipment. */
export const team = pgTable('team', {
	id: text('id').primaryKey(),
	callsign: text('callsign').notNull(),
	kind: text('kind').notNull().default('rescue'),
	homeBase: text('home_base'),
	// Current status and position, each placed by its own ts: a late message never moves them back.
	status: text('status'),
	statusTs: tz('status_ts'),
	incidentId: text('incident_id'),
	personnel: integer('personnel'),
	note: text('note'),
	lat: doublePrecision('lat'),
	lon: doublePrecision('lon'),
	positionTs: tz('position_ts'),
	headingDeg: doublePrecision('heading_deg'),
	speedMps: doublePrecision('speed_mps'),
	batteryPct: doublePrecision('battery_pct'),
	exercise: text('exercise'),
	demo: boolean('demo').notNull().default(false),
	/** The tasking of its current assignment (tasking.id), answered on `.../tasking/ack`. */
	taskingId: text('tasking_id'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`),
	updatedAt: tz('updated_at')
		.notNull()
		.default(sql`now()`)
});
export type Team = typeof team.$inferSelect;

/**
 * Every tasking the EOC sent a team (id: the tasking message's msgId) and the team's answer to it
 * (`eoc/v1/teams/{teamId}/tasking/ack`): what the console shows beside the assignment and the
 * after-action report times.
 */
export const tasking = pgTable(
	'tasking',
	{
		id: text('id').primaryKey(),
		teamId: text('team_id').notNull(),
		incidentId: text('incident_id').notNull(),
		exercise: text('exercise'),
		sentAt: tz('sent_at').notNull(),
		/** accepted | declined; null while not answered. */
		answer: text('answer'),
		reason: text('reason'),
		note: text('note'),
		/** The ts of the answer that holds (a later answer replaces it, an older one never). */
		answeredAt: tz('answered_at'),
		ackMsgId: text('ack_msg_id')
	},
	(t) => [
		index('tasking_team_idx').on(t.teamId, t.sentAt.desc()),
		index('tasking_exercise_idx').on(t.exercise, t.sentAt)
	]
);
export type Tasking = typeof tasking.$inferSelect;

/** Every position a team reported (time series; trimmed by the retention job). */
export const teamPosition = pgTable(
	'team_position',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		teamId: text('team_id').notNull(),
		ts: tz('ts').notNull(),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull(),
		accuracyM: doublePrecision('accuracy_m'),
		speedMps: doublePrecision('speed_mps'),
		headingDeg: doublePrecision('heading_deg'),
		altitudeM: doublePrecision('altitude_m'),
		batteryPct: doublePrecision('battery_pct'),
		exercise: text('exercise'),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		// The wall asks "latest position of every team" and "trail of the last 30 minutes".
		index('team_position_team_ts_idx').on(t.teamId, t.ts.desc()),
		index('team_position_ts_idx').on(t.ts)
	]
);
export type TeamPosition = typeof teamPosition.$inferSelect;
