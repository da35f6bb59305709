import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * MQTT credentials of field-team devices, issued by an admin (`/admin/devices`). The embedded
 * broker lets a device publish only as its own team. The secret is kept only as its SHA-256 (see
 * `auth/devices.ts` for why not argon2id). `teamId` is not a foreign key: a credential outlives
 * the team rows a drill may remove, so that the audit log and the dead letters can still name it.
 * Revoked, never deleted.
 */
export const deviceCredential = pgTable(
	'device_credential',
	{
		id: text('id').primaryKey(),
		teamId: text('team_id').notNull(),
		username: text('username').notNull().unique(),
		secretHash: text('secret_hash').notNull(),
		name: text('name').notNull(),
		createdBy: text('created_by'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`),
		lastSeenAt: tz('last_seen_at'),
		revokedAt: tz('revoked_at')
	},
	(t) => [index('device_credential_team_idx').on(t.teamId)]
);
export type DeviceCredential = typeof deviceCredential.$inferSelect;
