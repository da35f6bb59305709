/**
 * Binding a device to a resource of the register instead of a team (a vehicle tracker on an
 * excavator, a phone left in a pump's cab): its fixes then move the resource, each by its own
 * time (entities/resource/status.ts), and what it kept while unmapped is placed on the resource
 * the same way. Its battery stays the device's own (shown in the registry), not the resource's.
 * Audited, with the change-log entry, in one transaction, like mapping to a team (registry.ts).
 */
import { audit } from '../auth/audit';
import type { Actor } from '../console/log';
import type { Database, Queryable } from '../db/types';
import { trackerFix, writeResourceReports } from '../entities/resource/status';
import { resourcePicture } from '../entities/resource/trackers';
import { recordChanges, type ChangeSet } from '../live/changes';
import { pointDevice } from './registry';

/**
 * Binds a device to a real resource and places its kept fixes. `mayRemap`: an operator binds from
 * the queue only; an admin may move a mapped or bound device. Returns how many fixes it placed.
 */
export function bindDevice(
	db: Database,
	actor: Actor,
	input: { deviceId: string; resourceId: string; mayRemap: boolean }
): Promise<{ placed: number }> {
	return db.transaction(async (tx) => {
		const held = await pointDevice(tx, actor, input, {
			picture: await resourcePicture(tx, input.resourceId),
			unknown: 'resstatus_resource_unknown',
			teamId: null,
			resourceId: input.resourceId
		});
		const placed = await placeKept(tx, input.deviceId, input.resourceId);
		await audit(tx, {
			actor: actor.audit,
			action: 'device-bind',
			target: input.deviceId,
			detail: {
				resourceId: input.resourceId,
				fromTeam: held.team_id,
				fromResource: held.resource_id,
				placed
			},
			address: actor.address
		});
		return { placed };
	});
}

/** The device's kept, unplaced fixes become the resource's: the newest moves it, if newer. */
async function placeKept(tx: Queryable, deviceId: string, resourceId: string): Promise<number> {
	const fixes = await tx.query<{ ts: string; lat: number | null; lon: number | null }>(
		`update device_message set resource_id = $2
		where device_id = $1 and team_id is null and resource_id is null
		returning ts, lat, lon`,
		[deviceId, resourceId]
	);
	const reports = fixes.flatMap((f) =>
		f.lat === null || f.lon === null ? [] : [trackerFix(resourceId, new Date(f.ts), f.lat, f.lon)]
	);
	const changes: ChangeSet = new Map();
	await writeResourceReports(tx, reports, changes);
	await recordChanges(tx, changes);
	return reports.length;
}
