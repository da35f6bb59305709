import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { bytea, tz } from './columns';
import type { Affected, Casualties } from '$lib/live/types';

export const incident = pgTable(
	'incident',
	{
		id: text('id').primaryKey(),
		type: text('type').notNull(),
		severity: integer('severity').notNull(),
		// reported (a field report awaiting an operator) | open | contained | closed
		status: text('status').notNull().default('reported'),
		title: text('title').notNull(),
		description: text('description'),
		// the named place it is at (a village, a street), as the operator chose it from the gazetteer
		place: text('place'),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull(),
		area: jsonb('area').$type<GeoJSON.Polygon | GeoJSON.MultiPolygon>(),
		casualties: jsonb('casualties')
			.$type<Casualties>()
			.notNull()
			.default({ dead: 0, injured: 0, missing: 0, trapped: 0 }),
		affected: jsonb('affected').$type<Affected>().notNull().default({ people: 0, households: 0 }),
		needs: jsonb('needs').$type<string[]>().notNull().default([]),
		reporter: text('reporter'),
		reportedAt: tz('reported_at').notNull(),
		// ts of the newest update applied: an older update arriving late does not overwrite it
		updatedTs: tz('updated_ts').notNull(),
		// when an operator acknowledged it; until then the wall makes it pulse
		acknowledgedAt: tz('acknowledged_at'),
		exercise: text('exercise'),
		demo: boolean('demo').notNull().default(false),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('incident_open_idx')
			.on(t.status, t.severity)
			.where(sql`status <> 'closed'`)
	]
);
export type Incident = typeof incident.$inferSelect;

/** An incident's history and log: reports, updates, notes, assignments. Append-only. */
export const incidentEvent = pgTable(
	'incident_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		incidentId: text('incident_id').notNull(),
		ts: tz('ts').notNull(),
		kind: text('kind').notNull(),
		actor: text('actor'),
		data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
		exercise: text('exercise'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('incident_event_incident_ts_idx').on(t.incidentId, t.ts)]
);
export type IncidentEvent = typeof incidentEvent.$inferSelect;

/**
 * A photo a field report brought (contracts/photo.ts), stored with the report in its transaction
 * and served only by `/console/photos/[id]`. It follows its incident: a report merged into
 * another moves its photos there, and deleting the incident (or its drill) deletes them.
 */
export const incidentPhoto = pgTable(
	'incident_photo',
	{
		id: text('id').primaryKey(),
		incidentId: text('incident_id')
			.notNull()
			.references(() => incident.id, { onDelete: 'cascade' }),
		// The report's ingest key (sender, msgId): which message brought it
		sender: text('sender').notNull(),
		msgId: text('msg_id').notNull(),
		// The report's `reporter` (a team id or `public`) and ts: who took it, and when
		reporter: text('reporter'),
		ts: tz('ts').notNull(),
		type: text('type').notNull(),
		bytes: bytea('bytes').notNull(),
		size: integer('size').notNull(),
		exercise: text('exercise'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('incident_photo_incident_idx').on(t.incidentId, t.ts),
		uniqueIndex('incident_photo_msg_idx').on(t.sender, t.msgId)
	]
);
