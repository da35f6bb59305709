import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * The EOC's log: entries operators post. A significant one shows on the wall only once a
 * supervisor has verified it (verified_at set); verification is one-way. Append-only.
 */
export const logEntry = pgTable(
	'log_entry',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		ts: tz('ts').notNull(),
		text: text('text').notNull(),
		incidentId: text('incident_id'),
		author: text('author'),
		significant: boolean('significant').notNull().default(false),
		verifiedAt: tz('verified_at'),
		verifiedBy: text('verified_by'),
		exercise: text('exercise'),
		demo: boolean('demo').notNull().default(false),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('log_entry_verified_idx')
			.on(t.ts.desc())
			.where(sql`significant and verified_at is not null`)
	]
);
export type LogEntry = typeof logEntry.$inferSelect;
