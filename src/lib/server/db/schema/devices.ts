import { sql } from 'drizzle-orm';
import { bigserial, doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
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

/**
 * The device registry: a device that speaks its own format (an OwnTracks phone, a Meshtastic
 * node, a TAK client) and the team it reports for. A device that publishes before anyone mapped
 * it gets a row with no team: the queue an operator maps from (/console/devices). Its id is
 * `{kind}:{ident}`: `owntracks:{user}/{device}`, `meshtastic:!a1b2c3d4`, `tak:{uid}`.
 */
export const device = pgTable(
	'device',
	{
		id: text('id').primaryKey(),
		kind: text('kind').notNull(),
		// Not a foreign key, like device_credential's: a drill may remove team rows.
		teamId: text('team_id'),
		/** Or the resource (a vehicle tracker) it reports for; a device has one or the other. */
		resourceId: text('resource_id'),
		name: text('name'),
		shortName: text('short_name'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		positionTs: tz('position_ts'),
		batteryPct: doublePrecision('battery_pct'),
		voltage: doublePrecision('voltage'),
		// Set by an OwnTracks last will (the app lost its connection), cleared by its next message.
		offlineAt: tz('offline_at'),
		firstSeenAt: tz('first_seen_at'),
		lastSeenAt: tz('last_seen_at'),
		mappedBy: text('mapped_by'),
		mappedAt: tz('mapped_at'),
		createdAt: tz('created_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [index('device_team_idx').on(t.teamId)]
);
export type Device = typeof device.$inferSelect;

/**
 * What devices sent, kept whether or not they were mapped: positions, texts, transitions,
 * telemetry. `teamId` is the team it was placed on, null while the device was unmapped; mapping
 * the device later places its kept positions on the team (a late one never moves it back).
 */
export const deviceMessage = pgTable(
	'device_message',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		deviceId: text('device_id').notNull(),
		ts: tz('ts').notNull(),
		kind: text('kind').notNull(),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		accuracyM: doublePrecision('accuracy_m'),
		speedMps: doublePrecision('speed_mps'),
		headingDeg: doublePrecision('heading_deg'),
		altitudeM: doublePrecision('altitude_m'),
		batteryPct: doublePrecision('battery_pct'),
		text: text('text'),
		teamId: text('team_id'),
		/** The resource it was placed on (a tracker bound to a resource); null like teamId. */
		resourceId: text('resource_id'),
		receivedAt: tz('received_at')
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('device_message_device_ts_idx').on(t.deviceId, t.ts.desc()),
		index('device_message_ts_idx').on(t.ts)
	]
);
export type DeviceMessage = typeof deviceMessage.$inferSelect;

/**
 * A one-time pairing code for a team's phone (`/admin/devices`, redeemed at `/api/v1/field/pair`):
 * the code is kept only as its SHA-256, and no credential exists until the phone redeems it, so
 * nothing secret is at rest. Lives 15 minutes; expired and redeemed rows are pruned.
 */
export const devicePairing = pgTable('device_pairing', {
	id: text('id').primaryKey(),
	codeHash: text('code_hash').notNull().unique(),
	teamId: text('team_id').notNull(),
	name: text('name').notNull(),
	createdBy: text('created_by'),
	createdAt: tz('created_at')
		.notNull()
		.default(sql`now()`),
	expiresAt: tz('expires_at').notNull(),
	redeemedAt: tz('redeemed_at'),
	credentialId: text('credential_id')
});
export type DevicePairing = typeof devicePairing.$inferSelect;
