import { generateSecret, safeEqual } from '../auth/crypto';
import { markDeviceSeen, verifyDevice } from '../auth/devices';
import type { Database } from '../db';
import type { Logger } from '../ops/log';
import type { BrokerAuth } from './device-access';
import { ResourceTeams } from './resource-teams';

/**
 * The app's own MQTT clients (tasking, drills, demo feed: broker/client.ts) connect with this
 * username and a password made afresh at every start, known to this process only. A device's
 * username always holds a dot (`{teamId}.{random}`), so it is never this one.
 */
export const INTERNAL_USERNAME = 'eocwall';
// A device's last_seen_at is written at most this often, not on every publish.
const SEEN_EVERY_MS = 60 * 1000;

export interface MqttCredentials {
	username: string;
	password: string;
}

/**
 * Device credentials from the database, plus the app's own client, plus which team operates each
 * resource (the ACL of the resource topics: `resources`, to start, feed from the hub and stop).
 */
export function deviceAuth(
	db: Database,
	log: Logger
): BrokerAuth & { internal: MqttCredentials; resources: ResourceTeams } {
	const internal = { username: INTERNAL_USERNAME, password: generateSecret('eoc_i_') };
	const lastSeen = new Map<string, number>();
	const resources = new ResourceTeams(db, log);
	return {
		internal,
		resources,
		teamOfResource: resources.teamOf,
		async authenticate(username, password) {
			if (username === undefined || password === undefined) return null;
			const secret = password.toString('utf8');
			if (username === internal.username) {
				return safeEqual(secret, internal.password) ? 'internal' : null;
			}
			const device = await verifyDevice(db, username, secret);
			if (device) lastSeen.set(device.id, Date.now());
			return device;
		},
		seen(device) {
			const now = Date.now();
			if (now - (lastSeen.get(device.id) ?? 0) < SEEN_EVERY_MS) return;
			lastSeen.set(device.id, now);
			markDeviceSeen(db, device.id).catch((err: unknown) =>
				log.warn({ err: String(err), device: device.username }, 'cannot mark device seen')
			);
		}
	};
}
