import { z } from 'zod';
import { ID_PATTERN } from '$lib/contracts';
import type { Database } from '../db';
import { insertTeam } from '../entities/team/write';
import { recordChanges, type ChangeSet } from '../live/changes';

/** The kinds of field unit the EOC registers by hand; the wall draws any kind it is sent. */
export const TEAM_KINDS = [
	'rescue',
	'medical',
	'fire',
	'excavator',
	'bulldozer',
	'truck',
	'pump',
	'boat',
	'other'
] as const;

/** A team as an admin registers it: before it has reported, so a device credential can be issued. */
export const newTeamSchema = z.object({
	id: z.string().regex(ID_PATTERN, 'team_id_invalid'),
	callsign: z.string().trim().min(1, 'team_callsign_missing').max(80, 'team_callsign_too_long'),
	kind: z.enum(TEAM_KINDS, { message: 'team_kind_unknown' }),
	homeBase: z
		.string()
		.trim()
		.max(120, 'team_home_base_too_long')
		.transform((v) => v || null)
});
export type NewTeam = z.output<typeof newTeamSchema>;

/**
 * Adds a real team (no exercise) to the roster. False when the id is taken, by a real team or a
 * drill's: an id names one unit, and the picture guard keeps a drill's row from turning real.
 */
export async function addTeam(db: Database, t: NewTeam): Promise<boolean> {
	return db.transaction(async (tx) => {
		const changes: ChangeSet = new Map();
		if (!(await insertTeam(tx, t, changes))) return false;
		// Every open screen shows the new team on its roster at once (the live hub).
		await recordChanges(tx, changes);
		return true;
	});
}
