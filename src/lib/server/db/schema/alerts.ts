import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CapAlert } from '$lib/contracts/cap';
import { tz } from './columns';

/**
 * CAP 1.2 alerts: received on `eoc/v1/alerts/cap`, uploaded by an operator, or issued by the
 * EOC. One row per alert message (CAP key: sender, identifier, sent); the whole validated
 * message is kept in `doc`, so any held alert can be written out again as CAP.
 */
export const alert = pgTable(
	'alert',
	{
		/** "sender,identifier,sent" (sent in UTC ISO): the key CAP `references` use. */
		id: text('id').primaryKey(),
		sender: text('sender').notNull(),
		identifier: text('identifier').notNull(),
		sent: tz('sent').notNull(),
		/** Actual, Exercise, System, Test, Draft: only Actual (and a drill's Exercise) is shown. */
		status: text('status').notNull(),
		/** Alert, Update, Cancel, Ack, Error. */
		msgType: text('msg_type').notNull(),
		scope: text('scope').notNull(),
		/** Keys of the alerts this one updates or cancels. */
		refs: jsonb('refs').$type<string[]>().notNull().default([]),
		doc: jsonb('doc').$type<CapAlert>().notNull(),
		/** The latest expiry of its info blocks; when none has one, 24 h after sent. */
		expiresAt: tz('expires_at').notNull(),
		/** The Update or Cancel that replaced this alert (its key), and which of the two it was. */
		supersededBy: text('superseded_by'),
		supersededType: text('superseded_type'),
		/** mqtt, upload or eoc (issued in the console). */
		origin: text('origin').notNull(),
		/** Who uploaded or issued it (a user id), null from MQTT. */
		actor: text('actor'),
		exercise: text('exercise'),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		uniqueIndex('alert_key_idx').on(t.sender, t.identifier, t.sent),
		index('alert_expires_idx').on(t.expiresAt)
	]
);
export type Alert = typeof alert.$inferSelect;
