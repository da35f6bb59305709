import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Config } from '../app/config';
import { createDeviceCredential } from '../auth/devices';
import { generateId, hashSecret } from '../auth/crypto';
import type { Database, Queryable } from '../db';
import { devicePairing, type DeviceCredential, type DevicePairing } from '../db/schema';
import { generatePairingCode } from './pairing-code';

/**
 * Pairing a team's phone (`/field`): an admin creates a one-time code for a team and a device name
 * (`/admin/devices`); the phone redeems it (`POST /api/v1/field/pair`) and only then is a device
 * credential created, its secret sent in that one answer. The table keeps the code's SHA-256,
 * never the code, and no credential waits at rest for a phone that may never come.
 */
export const PAIRING_TTL_MS = 15 * 60_000;

/**
 * A paired phone is useful only where its credential is checked: the embedded broker with
 * MQTT_DEVICE_AUTH=on. An external broker (MQTT_URL) knows nothing of the app's credentials, and
 * with device auth off anyone may publish anything (docs/deploy.md).
 */
export function pairingAvailable(config: Pick<Config, 'MQTT_URL' | 'MQTT_DEVICE_AUTH'>): boolean {
	return !config.MQTT_URL && config.MQTT_DEVICE_AUTH === 'on';
}

/** A new pairing: its code is in this answer only. `code` is normalised (no dash). */
export async function createPairing(
	db: Database,
	entry: { teamId: string; name: string; createdBy: string },
	now = new Date()
): Promise<{ code: string; row: DevicePairing }> {
	const code = generatePairingCode();
	const [row] = await db.orm
		.insert(devicePairing)
		.values({
			id: generateId(),
			codeHash: hashSecret(code),
			teamId: entry.teamId,
			name: entry.name,
			createdBy: entry.createdBy,
			createdAt: now,
			expiresAt: new Date(now.getTime() + PAIRING_TTL_MS)
		})
		.returning();
	return { code, row };
}

/** Pairings still waiting for their phone (unexpired, unredeemed), oldest first. */
export async function listPendingPairings(db: Database): Promise<DevicePairing[]> {
	return db.orm
		.select()
		.from(devicePairing)
		.where(and(isNull(devicePairing.redeemedAt), gt(devicePairing.expiresAt, new Date())))
		.orderBy(asc(devicePairing.createdAt));
}

/** Cancels a pending pairing (its code then pairs nothing); null when none is pending. */
export async function cancelPairing(db: Database, id: string): Promise<DevicePairing | null> {
	const [row] = await db.orm
		.delete(devicePairing)
		.where(and(eq(devicePairing.id, id), isNull(devicePairing.redeemedAt)))
		.returning();
	return row ?? null;
}

export interface Redeemed {
	pairing: { id: string; teamId: string; name: string };
	credential: DeviceCredential;
	secret: string;
}

/**
 * Redeems a code (normalised) inside the caller's transaction: the pairing is claimed (marked
 * redeemed, row-locked by the update, so two phones racing with one code get one credential),
 * then its credential is created and recorded on it. Null when no pending pairing has this code:
 * unknown, used and expired look the same.
 */
export async function redeemPairing(tx: Queryable, code: string): Promise<Redeemed | null> {
	const [claimed] = await tx.query<{ id: string; teamId: string; name: string; createdBy: string }>(
		`update device_pairing set redeemed_at = now()
		where code_hash = $1 and redeemed_at is null and expires_at > now()
		returning id, team_id as "teamId", name, created_by as "createdBy"`,
		[hashSecret(code)]
	);
	if (!claimed) return null;
	const { secret, row } = await createDeviceCredential(tx, {
		teamId: claimed.teamId,
		name: claimed.name,
		createdBy: claimed.createdBy
	});
	await tx.query('update device_pairing set credential_id = $2 where id = $1', [
		claimed.id,
		row.id
	]);
	return {
		pairing: { id: claimed.id, teamId: claimed.teamId, name: claimed.name },
		credential: row,
		secret
	};
}

/**
 * Deletes pairings that can pair nothing any more: expired or redeemed (the credential and the
 * audit log keep what happened). Runs with the auth prune (auth/prune.ts).
 */
export async function prunePairings(q: Queryable): Promise<number> {
	const [r] = await q.query<{ n: number }>(
		`with d as (delete from device_pairing where redeemed_at is not null or expires_at < now()
			returning 1)
		select count(*)::int as n from d`
	);
	return r.n;
}
