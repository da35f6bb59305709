import { bulk } from '../../db/bulk';
import { addChange } from '../../live/changes';
import type { Handler } from './types';

export const extents: Handler<'hazard_extent'> = async (tx, messages, changes) => {
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
};
