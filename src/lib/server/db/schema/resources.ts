import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * The kinds of resource the EOC counts (an admin edits the list): equipment is counted in units
 * (each a `resource` row), supplies in quantities held per store (`stock`).
 */
export const resourceKind = pgTable('resource_kind', {
	id: text('id').primaryKey(),
	/** Names by language: { en, ru, tg } (en required). */
	names: jsonb('names').$type<Record<string, string>>().notNull(),
	// equipment | supply
	class: text('class').notNull(),
	/** Unit of measure: "unit" for equipment; for supplies "kit", "l", "pcs", "t"… */
	unit: text('unit').notNull().default('unit'),
	sort: integer('sort').notNull().default(0),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type ResourceKind = typeof resourceKind.$inferSelect;

/** A piece of equipment or a vehicle the EOC can send (one unit each). */
export const resource = pgTable(
	'resource',
	{
		id: text('id').primaryKey(),
		kindId: text('kind_id').notNull(),
		name: text('name').notNull(),
		plate: text('plate'),
		agency: text('agency'),
		homeBase: text('home_base'),
		capability: text('capability'),
		// available | assigned | en_route | on_scene | out_of_service | returning
		status: text('status').notNull().default('available'),
		statusTs: tz('status_ts'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		positionTs: tz('position_ts'),
		fuelPct: doublePrecision('fuel_pct'),
		/** What it carries, for a resource that holds a supply (a water tanker's litres). */
		quantity: doublePrecision('quantity'),
		note: text('note'),
		/**
		 * The `ts` of the report that set fuel_pct, quantity and note: each field reported over
		 * MQTT is placed by its own time, like status and position (a late report never moves one
		 * back; entities/resource/status.ts).
		 */
		fuelTs: tz('fuel_ts'),
		quantityTs: tz('quantity_ts'),
		noteTs: tz('note_ts'),
		/** The team operating it (its devices may report for it). */
		teamId: text('team_id'),
		/** The request it is assigned to, while assigned. */
		requestId: text('request_id'),
		incidentId: text('incident_id'),
		exercise: text('exercise'),
		demo: boolean('demo').notNull().default(false),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('resource_kind_idx').on(t.kindId, t.status)]
);
export type Resource = typeof resource.$inferSelect;

/** A warehouse or depot holding supplies. */
export const store = pgTable('store', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	agency: text('agency'),
	district: text('district'),
	lat: doublePrecision('lat'),
	lon: doublePrecision('lon'),
	exercise: text('exercise'),
	demo: boolean('demo').notNull().default(false),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});
export type Store = typeof store.$inferSelect;

/** The quantity of one supply kind on hand in one store, and the minimum the EOC keeps there. */
export const stock = pgTable(
	'stock',
	{
		storeId: text('store_id').notNull(),
		kindId: text('kind_id').notNull(),
		quantity: doublePrecision('quantity').notNull().default(0),
		/** Below this the stock alarm rule fires (null: no minimum). */
		minimum: doublePrecision('minimum'),
		exercise: text('exercise'),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [primaryKey({ columns: [t.storeId, t.kindId] })]
);
export type Stock = typeof stock.$inferSelect;

/**
 * A resource request (the ICS-213RR lifecycle): requested → approved → assigned → en_route →
 * delivered, or refused / cancelled with a reason. Each step's time is a column; the steps
 * themselves, with who and why, are `resource_request_step`.
 */
export const resourceRequest = pgTable(
	'resource_request',
	{
		id: text('id').primaryKey(),
		kindId: text('kind_id').notNull(),
		quantity: doublePrecision('quantity').notNull(),
		incidentId: text('incident_id'),
		/** Where it is needed: a place's id or name, and/or a point. */
		place: text('place'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		// urgent | high | normal | low
		priority: text('priority').notNull().default('normal'),
		neededBy: tz('needed_by'),
		// operator | team | district
		requesterKind: text('requester_kind').notNull(),
		/** Who asked: a district (hukumat) name, a team id, or an operator's name. */
		requester: text('requester').notNull(),
		note: text('note'),
		// requested | approved | assigned | en_route | delivered | refused | cancelled
		status: text('status').notNull().default('requested'),
		reason: text('reason'),
		requestedAt: tz('requested_at').notNull(),
		approvedAt: tz('approved_at'),
		assignedAt: tz('assigned_at'),
		enRouteAt: tz('en_route_at'),
		deliveredAt: tz('delivered_at'),
		closedAt: tz('closed_at'),
		exercise: text('exercise'),
		demo: boolean('demo').notNull().default(false),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('resource_request_status_idx').on(t.status)]
);
export type ResourceRequest = typeof resourceRequest.$inferSelect;

/** One step of a request: who moved it, when, to what, and why (with what was assigned). */
export const resourceRequestStep = pgTable(
	'resource_request_step',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		requestId: text('request_id').notNull(),
		status: text('status').notNull(),
		at: tz('at').notNull(),
		actor: text('actor').notNull(),
		reason: text('reason'),
		detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
		exercise: text('exercise')
	},
	(t) => [index('resource_request_step_req_idx').on(t.requestId, t.at)]
);

/** What was assigned to a request: a resource, or a quantity of a supply from a store. */
export const requestAssignment = pgTable(
	'request_assignment',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		requestId: text('request_id').notNull(),
		resourceId: text('resource_id'),
		storeId: text('store_id'),
		quantity: doublePrecision('quantity'),
		at: tz('at').notNull(),
		releasedAt: tz('released_at'),
		exercise: text('exercise')
	},
	(t) => [index('request_assignment_req_idx').on(t.requestId)]
);
