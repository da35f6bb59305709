import type { ParsedMessage } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { addChange, type ChangeSet } from '../../live/changes';

/**
 * Every write to a hazard (`hazard_extent`): each extent is kept, the newest by ts is the one the
 * wall shows (view.ts). Records the hazard's change itself.
 */

type Extent = Extract<ParsedMessage, { family: 'hazard_extent' }>;

export async function writeExtents(tx: Queryable, changes: ChangeSet, messages: Extent[]) {
	await bulk(
		tx,
		(r) => `insert into hazard_extent (hazard_id, ts, kind, geometry, depth_m, volume_m3, exercise)
		select "hazardId", ts, kind, geometry, "depthM", "volumeM3", exercise
		from ${r} as x("hazardId" text, ts timestamptz, kind text, geometry jsonb, "depthM" float8,
			"volumeM3" float8, exercise text)`,
		messages.map((m) => ({
			hazardId: m.hazardId,
			ts: m.ts,
			kind: m.body.kind,
			geometry: m.body.geometry,
			depthM: m.body.depthM ?? null,
			volumeM3: m.body.volumeM3 ?? null,
			exercise: m.exercise
		}))
	);
	for (const m of messages) addChange(changes, 'hazard', m.hazardId);
}
