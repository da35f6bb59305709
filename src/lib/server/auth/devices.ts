import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { deviceCredential, team, type DeviceCredential } from '../db/schema';
import { generateId, generateSecret, hashSecret, safeEqual } from './crypto';

/**
 * MQTT credentials of field-team devices. An admin issues one per device; the secret is shown once
 * and the table keeps its SHA-256. SHA-256 and not argon2id, because the secret is ours: 160
 * random bits from `generateSecret`, which no dictionary or brute force reaches, so a slow hash
 * would add nothing but ~60 ms of CPU to every device (re)connect, and a fleet reconnecting after
 * an outage would queue behind it. Passwords people choose are another matter (password.ts).
 */
export const DEVICE_SECRET_PREFIX = 'eoc_m_';
const SECRET_RE = /^eoc_m_[a-z2-7]{32}$/;

/** Who a verified device is: its credential and its team. */
export interface DeviceIdentity {
	id: string;
	username: string;
	teamId: string;
}

/**
 * A username says its team and stays unique: `{teamId}.{8 random characters}`. The dot is not in
 * the id pattern, so the team part is never ambiguous.
 */
export function deviceUsername(teamId: string): string {
	return `${teamId}.${generateId().slice(0, 8)}`;
}

/**
 * Issues a credential: the secret in the answer only, its hash in the table. Takes the database
 * or a transaction (pairing redeems a code and issues its credential in one).
 */
export async function createDeviceCredential(
	q: Queryable,
	entry: { teamId: string; name: string; createdBy: string | null }
): Promise<{ secret: string; row: DeviceCredential }> {
	const secret = generateSecret(DEVICE_SECRET_PREFIX);
	const [row] = await q.query<DeviceCredential>(
		`insert into device_credential (id, team_id, username, secret_hash, name, created_by)
		values ($1, $2, $3, $4, $5, $6)
		returning id, team_id as "teamId", username, secret_hash as "secretHash", name,
			created_by as "createdBy", created_at as "createdAt", last_seen_at as "lastSeenAt",
			revoked_at as "revokedAt"`,
		[
			generateId(),
			entry.teamId,
			deviceUsername(entry.teamId),
			hashSecret(secret),
			entry.name,
			entry.createdBy
		]
	);
	return { secret, row };
}

/** The teams a credential may be issued for: every known team, by callsign. */
export async function teamChoices(db: Database): Promise<{ id: string; callsign: string }[]> {
	// A drill's simulated teams get no device credentials.
	return db.orm
		.select({ id: team.id, callsign: team.callsign })
		.from(team)
		.where(isNull(team.exercise))
		.orderBy(team.callsign);
}

/** Every credential, live and revoked, newest first. */
export async function listDeviceCredentials(db: Database): Promise<DeviceCredential[]> {
	return db.orm.select().from(deviceCredential).orderBy(desc(deviceCredential.createdAt));
}

/** Revokes a credential; null when there is no such live credential. */
export async function revokeDeviceCredential(
	db: Database,
	id: string
): Promise<DeviceCredential | null> {
	const [row] = await db.orm
		.update(deviceCredential)
		.set({ revokedAt: new Date() })
		.where(and(eq(deviceCredential.id, id), isNull(deviceCredential.revokedAt)))
		.returning();
	return row ?? null;
}

/** The device of a live credential whose secret matches, or null. Marks it seen. */
export async function verifyDevice(
	db: Database,
	username: string,
	password: string
): Promise<DeviceIdentity | null> {
	if (!SECRET_RE.test(password) || username.length > 80) return null;
	const [row] = await db.orm
		.select()
		.from(deviceCredential)
		.where(and(eq(deviceCredential.username, username), isNull(deviceCredential.revokedAt)));
	if (!row || !safeEqual(row.secretHash, hashSecret(password))) return null;
	const device = { id: row.id, username: row.username, teamId: row.teamId };
	await markDeviceSeen(db, device.id);
	return device;
}

/** Sets last_seen_at to now (the broker calls it at most once a minute per device). */
export async function markDeviceSeen(db: Database, id: string): Promise<void> {
	await db.orm
		.update(deviceCredential)
		.set({ lastSeenAt: new Date() })
		.where(eq(deviceCredential.id, id));
}
