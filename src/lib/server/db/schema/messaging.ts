import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * A person or place the EOC warns and hears from (a jamoat focal point, a village head, a school,
 * a clinic, a hukumat, a team leader). Phone numbers and chat ids are personal data: operators see
 * them masked; reading the full list is audited (docs/messaging.md).
 */
export const contact = pgTable(
	'contact',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		role: text('role'),
		organisation: text('organisation'),
		// tg | ru | en: the language of what they are sent
		lang: text('lang').notNull().default('tg'),
		/** E.164 (+992…), for SMS. */
		phone: text('phone'),
		/** A Telegram chat id (the bot's chat with them, or a group's). */
		telegramChatId: text('telegram_chat_id'),
		email: text('email'),
		/** focal_point | village_head | school | clinic | hukumat | team_leader | … */
		groups: jsonb('groups').$type<string[]>().notNull().default([]),
		/** district | jamoat | polygon: how `area` was given. */
		areaKind: text('area_kind').notNull(),
		/** The district's or jamoat's name as given (or a label for a polygon). */
		areaLabel: text('area_label').notNull(),
		/** Where they are: the district's or jamoat's outline or point, or the polygon. */
		area: jsonb('area').$type<GeoJSON.Geometry>().notNull(),
		/** A team member: recognised as that team when they send an SMS. */
		teamId: text('team_id'),
		/** A drill's test contact: the only kind a drill's warning goes to. */
		exerciseTest: boolean('exercise_test').notNull().default(false),
		active: boolean('active').notNull().default(true),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('contact_phone_idx').on(t.phone), index('contact_chat_idx').on(t.telegramChatId)]
);
export type Contact = typeof contact.$inferSelect;

/**
 * One outgoing message to one address over one channel, written in the transaction of the
 * decision that caused it (a warning issued, a report acknowledged, a reply, a tasking). `key` is
 * the idempotency key: one row per message, recipient and channel, whatever retries, restarts or
 * second instances do. Status: queued -> sending -> sent (-> delivered where the channel reports
 * it), or failed with the reason, or unknown (the app stopped while the channel had it and the
 * channel cannot be asked: an operator decides).
 */
export const outbox = pgTable(
	'outbox',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		key: text('key').notNull().unique(),
		/** warning | ack | reply | tasking */
		sourceKind: text('source_kind').notNull(),
		sourceId: text('source_id').notNull(),
		contactId: text('contact_id'),
		/** sms_gateway | smpp | telegram | email */
		channel: text('channel').notNull(),
		address: text('address').notNull(),
		lang: text('lang').notNull(),
		subject: text('subject'),
		body: text('body').notNull(),
		status: text('status').notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: tz('next_attempt_at')
			.notNull()
			.default(sql`now()`),
		/** Who holds it while sending, and until when (a crashed sender's lease runs out). */
		leaseOwner: text('lease_owner'),
		leaseUntil: tz('lease_until'),
		/**
		 * When the claimed row was handed to the channel (written before the hand-over): a claim
		 * whose instance died before this was never sent and is simply queued again.
		 */
		handedAt: tz('handed_at'),
		lastError: text('last_error'),
		/** The channel's own id of the message (the gateway's, the SMSC's, Telegram's). */
		externalId: text('external_id'),
		exercise: text('exercise'),
		createdBy: text('created_by'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`),
		sentAt: tz('sent_at'),
		deliveredAt: tz('delivered_at'),
		updatedAt: tz('updated_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('outbox_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`status = 'queued'`),
		index('outbox_source_idx').on(t.sourceKind, t.sourceId),
		index('outbox_external_idx').on(t.channel, t.externalId)
	]
);
export type OutboxRow = typeof outbox.$inferSelect;

/**
 * A message that came in by SMS or Telegram, kept as it came (once: the channel's own id is
 * unique per channel), with what it became: a field report (an incident awaiting an operator),
 * a tasking answer, or free text in the queue.
 */
export const inboundMessage = pgTable(
	'inbound_message',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		channel: text('channel').notNull(),
		/** The channel's id of the message: a second delivery of it is the same row. */
		externalId: text('external_id').notNull(),
		/** The sender's number or chat id. */
		address: text('address').notNull(),
		text: text('text').notNull(),
		receivedAt: tz('received_at').notNull(),
		contactId: text('contact_id'),
		teamId: text('team_id'),
		/** Neither a contact nor a team member. */
		public: boolean('public').notNull().default(true),
		/** The reference number the sender is told (e.g. R-1042). */
		reference: text('reference').notNull().unique(),
		/** report | free_text | tasking_answer */
		kind: text('kind').notNull(),
		incidentId: text('incident_id'),
		lang: text('lang'),
		exercise: text('exercise'),
		/** The address as operators see it (+992 ••• 67): what the queue shows of the sender. */
		masked: text('masked'),
		/** How the report was placed: coords | place | sender (their area) | area (the EOC's). */
		located: text('located'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		uniqueIndex('inbound_channel_ext_idx').on(t.channel, t.externalId),
		index('inbound_received_idx').on(t.receivedAt.desc())
	]
);
export type InboundMessage = typeof inboundMessage.$inferSelect;

/** The numbers of the references senders are told (R-1042 a report, T-1043 a tasking). */
export const messagingReference = pgSequence('messaging_reference_seq', { startWith: 1001 });

/**
 * A tasking sent by SMS to a team without data (no field app): to whom, and the reference its
 * answer names ("ҲА 1043"). The answer goes through the field app's path (entities/tasking).
 */
export const smsTasking = pgTable(
	'sms_tasking',
	{
		taskingId: text('tasking_id').primaryKey(),
		/** The number in the reference (T-1043). */
		reference: text('reference').notNull().unique(),
		teamId: text('team_id').notNull(),
		contactId: text('contact_id').notNull(),
		channel: text('channel').notNull(),
		address: text('address').notNull(),
		lang: text('lang').notNull(),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('sms_tasking_team_idx').on(t.teamId, t.createdAt.desc())]
);
