import type { HazardView } from '$lib/live/types';
import { col, defineView, ts, type ViewFields } from '../view';

/** What a screen sees of a hazard: its newest extent, from a `hazard_extent` row. */
export const hazardFields = {
	id: (a) => `${a}.hazard_id`,
	kind: col('kind'),
	geometry: col('geometry'),
	depthM: col('depth_m'),
	volumeM3: col('volume_m3'),
	ts: ts('ts'),
	exercise: col('exercise'),
	demo: col('demo')
} satisfies ViewFields<HazardView>;

export const hazardView = defineView<HazardView>('h', hazardFields);

/** The newest extent of each hazard (a hazard is the history of its extents). */
export const latestHazards = `select distinct on (hazard_id) * from hazard_extent
	order by hazard_id, ts desc, id desc`;

/** The change log's read: (entity_id, data) of the newest extent of the hazards $1 (a text[]). */
export const hazardsById = `select h.hazard_id as entity_id, ${hazardView.sql()} as data
	from (${latestHazards}) h where h.hazard_id = any($1::text[])`;
