import type { ParsedMessage } from '$lib/contracts';
import type { Queryable } from '../db/types';

/** A tasking answer set aside before any write, with why (docs/ingest.md). */
export interface AckRefusal {
	index: number;
	reason: 'unknown_tasking' | 'stale_tasking' | 'other_picture';
	detail: string;
}

const picture = (exercise: string | null) =>
	exercise === null ? 'the real picture' : `exercise ${exercise}`;

/**
 * A team answers its current tasking only. An answer naming a tasking the team was never sent
 * (`unknown_tasking`), or one it was sent but that a newer assignment replaced (`stale_tasking`),
 * or of another picture than the tasking's (`other_picture`) is dead-lettered with its reason:
 * the console shows the answer to the assignment the team holds now, never an older one.
 */
export async function ackRefusals(
	tx: Queryable,
	valid: readonly { index: number; message: ParsedMessage }[]
): Promise<AckRefusal[]> {
	const acks = valid.flatMap(({ index, message: m }) =>
		m.family === 'tasking_ack' ? [{ index, m }] : []
	);
	if (acks.length === 0) return [];
	const rows = await tx.query<{
		id: string;
		team_id: string;
		exercise: string | null;
		current: string | null;
	}>(
		`select k.id, k.team_id, k.exercise, t.tasking_id as current
		from tasking k left join team t on t.id = k.team_id
		where k.id = any($1::text[])`,
		[[...new Set(acks.map((a) => a.m.body.taskingId))]]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const refusals: AckRefusal[] = [];
	for (const { index, m } of acks) {
		const id = m.body.taskingId;
		const k = byId.get(id);
		if (!k || k.team_id !== m.teamId)
			refusals.push({
				index,
				reason: 'unknown_tasking',
				detail: `team ${m.teamId} was sent no tasking "${id}"`
			});
		else if (k.exercise !== m.exercise)
			refusals.push({
				index,
				reason: 'other_picture',
				detail: `tasking "${id}" belongs to ${picture(k.exercise)}; this answer is of ${picture(m.exercise)}`
			});
		else if (k.current !== id)
			refusals.push({
				index,
				reason: 'stale_tasking',
				detail: `tasking "${id}" is no longer team ${m.teamId}'s current one`
			});
	}
	return refusals;
}
