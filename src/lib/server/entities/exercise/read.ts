import type { Queryable } from '../../db/types';

/** A drill run's own rows as the after-action report reads them (drills/report-data.ts). */

/** The exercise row: its name, and when it ended (undefined when there is none). */
export async function readExerciseRun(q: Queryable, id: string) {
	const [ex] = await q.query<{ name: string; ended_at: Date | string | null }>(
		'select name, ended_at from exercise where id = $1',
		[id]
	);
	return ex;
}

/** Its delivered injects, in the order they were delivered. */
export const readInjects = (q: Queryable, id: string) =>
	q.query<{
		number: number;
		scenario_sec: number;
		type: string;
		from_actor: string;
		to_player: string;
		message: string;
		expected_action: string | null;
		expected_kind: string;
		objective: string | null;
		effects: unknown;
		delivered_at: Date | string;
	}>('select * from exercise_inject where exercise = $1 order by delivered_at, number', [id]);
