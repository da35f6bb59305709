import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * People who sign in. The email is stored lower-cased and is the sign-in name; the password only
 * as an argon2id hash. `mustChangePassword` is set for a one-time password (user:add), so the
 * first sign-in leads to the password page; it stops working at `passwordExpiresAt` (set only for
 * a one-time password). A disabled user cannot sign in and has no sessions.
 */
export const userAccount = pgTable('user_account', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	// admin | supervisor | operator | trainer | viewer (src/lib/server/auth/roles.ts)
	role: text('role').notNull(),
	passwordHash: text('password_hash').notNull(),
	mustChangePassword: boolean('must_change_password').notNull().default(false),
	passwordExpiresAt: tz('password_expires_at'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`),
	disabledAt: tz('disabled_at')
});
export type UserAccount = typeof userAccount.$inferSelect;

/**
 * Sessions after the Lucia design: the cookie holds a random token, the table only its SHA-256
 * (hex), so a leaked table cannot be replayed. Sliding expiry: `expiresAt` moves forward when a
 * session is used in the second half of its life, never past `createdAt` + SESSION_MAX_AGE_DAYS.
 */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => userAccount.id, { onDelete: 'cascade' }),
		expiresAt: tz('expires_at').notNull(),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('session_user_idx').on(t.userId)]
);
export type Session = typeof session.$inferSelect;

/**
 * Tokens for machines, hashed at rest like sessions: `display` lets a wall kiosk show the wall
 * read-only without a person signed in; `api` lets an integration read the API. Revoked, never
 * deleted, so the audit log can still name them.
 */
export const accessToken = pgTable('access_token', {
	id: text('id').primaryKey(),
	kind: text('kind').notNull(),
	name: text('name').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	createdBy: text('created_by'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`),
	lastUsedAt: tz('last_used_at'),
	revokedAt: tz('revoked_at')
});
export type AccessToken = typeof accessToken.$inferSelect;

/**
 * Failed sign-ins, per account (`kind` account, the email as typed) and per client address
 * (`kind` address), in the database so that every instance counts the same failures
 * (src/lib/server/auth/throttle.ts). Rows go stale and are pruned (auth/prune.ts).
 */
export const signInThrottle = pgTable(
	'sign_in_throttle',
	{
		kind: text('kind').notNull(),
		key: text('key').notNull(),
		failures: integer('failures').notNull(),
		lastFailureAt: tz('last_failure_at').notNull(),
		blockedUntil: tz('blocked_until')
	},
	(t) => [primaryKey({ columns: [t.kind, t.key] })]
);

/**
 * Append-only: who did what and when. Read by admins; nothing deletes a row. The one update: a
 * refused-sign-in row counts the refusals of its account and address while its window is open
 * (auth/audit.ts), so a password-guessing run is one row, not thousands.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		ts: tz('ts')
			.notNull()
			.default(sql`now()`),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		target: text('target'),
		detail: jsonb('detail').$type<Record<string, unknown>>(),
		address: text('address')
	},
	(t) => [index('audit_log_ts_idx').on(t.ts.desc())]
);
export type AuditLog = typeof auditLog.$inferSelect;
