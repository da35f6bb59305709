import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea, tz } from './columns';

/** One row per stored message: the (sender, msgId) key makes redelivery harmless. */
export const ingestedMessage = pgTable(
	'ingested_message',
	{
		sender: text('sender').notNull(),
		msgId: text('msg_id').notNull(),
		topic: text('topic').notNull(),
		family: text('family').notNull(),
		ts: tz('ts').notNull(),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`),
		outcome: text('outcome').notNull(),
		exercise: text('exercise'),
		// SHA-1 of the raw payload: tells a redelivery (same bytes) from a reused msgId (other bytes)
		payloadHash: text('payload_hash')
	},
	(t) => [
		primaryKey({ columns: [t.sender, t.msgId] }),
		index('ingested_received_idx').on(t.receivedAt)
	]
);
export type IngestedMessage = typeof ingestedMessage.$inferSelect;

/**
 * A message that failed validation, kept byte for byte with the reason: nothing is lost silently.
 * An oversized payload keeps only its first bytes, with its full size and SHA-256 (ingest/dead-letter.ts).
 */
export const deadLetter = pgTable(
	'dead_letter',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		topic: text('topic').notNull(),
		payload: bytea('payload').notNull(),
		// The payload as received: its size in bytes and SHA-256 (hex); null on rows of older versions.
		payloadBytes: integer('payload_bytes'),
		payloadSha256: text('payload_sha256'),
		reason: text('reason').notNull(),
		detail: text('detail').notNull(),
		sender: text('sender'),
		msgId: text('msg_id'),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('dead_letter_received_idx').on(t.receivedAt)]
);
export type DeadLetter = typeof deadLetter.$inferSelect;

/**
 * The change log behind the live stream: each commit appends the views it changed and NOTIFYs.
 * Its id is the SSE event id, global across app instances, so a client resumes without a gap.
 */
export const change = pgTable('change', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	kind: text('kind').notNull(),
	entityId: text('entity_id').notNull(),
	data: jsonb('data').notNull(),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`)
});

/** Small key/value facts about this database (demo seeded, ...). */
export const meta = pgTable('meta', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: tz('updated_at')
		.notNull()
		.default(sql`now()`)
});
