/**
 * A resource's trackers: the device registry binds an OwnTracks phone or tracker (or a Meshtastic
 * node) to a resource instead of a team (devices/registry.ts), and its fixes then move the
 * resource (ingest/handlers/devices.ts). These are the reads the registry needs of the register.
 */
import type { Queryable } from '../../db/types';

/** What the registry's select shows of a resource a device may be bound to. */
export interface ResourceChoice {
	id: string;
	name: string;
	plate: string | null;
	teamId: string | null;
}

/** The real resources, by name: devices report in the real picture only. */
export function resourceChoices(q: Queryable): Promise<ResourceChoice[]> {
	return q.query<ResourceChoice>(
		`select id, name, plate, team_id as "teamId" from resource where exercise is null
		order by name, id`
	);
}

/** A resource's picture (null: real), or undefined when it is not in the register. */
export async function resourcePicture(
	q: Queryable,
	resourceId: string
): Promise<string | null | undefined> {
	const [row] = await q.query<{ exercise: string | null }>(
		'select exercise from resource where id = $1',
		[resourceId]
	);
	return row ? row.exercise : undefined;
}
