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

/** The scenario clock of an exercise's newest state message, as write.ts keeps it. */
export interface ExerciseClock {
	status: string;
	speed: number;
	scenarioSec: number;
	scenarioStart: string | null;
	/** The message's own time (the sender's clock), ISO. */
	ts: string;
}

/**
 * Every exercise whose newest state (by the message's time: the clock's record, else the row)
 * says it runs or is paused, whoever runs it (this app, another
 * instance, `npm run drill`), with the clock of that state and when the EOC received it (null for
 * a row older than the clock's record). The trainer console lists them (drills/exercises.ts).
 */
export const readLiveExercises = (q: Queryable) =>
	q.query<{
		id: string;
		name: string;
		scenario: string | null;
		status: string;
		started_at: Date | string | null;
		clock: ExerciseClock | null;
		state_at: Date | string | null;
	}>(
		`select e.id, e.name, e.scenario, coalesce(m.value->>'status', e.status) as status,
			e.started_at, m.value as clock, m.updated_at as state_at
		from exercise e left join meta m on m.key = 'exercise-clock:' || e.id
		where coalesce(m.value->>'status', e.status) in ('running', 'paused')
		order by e.started_at desc nulls last, e.id`
	);

/** The delivered injects of these exercises, as the console lists them, in delivery order. */
export const readDelivered = (q: Queryable, ids: readonly string[]) =>
	q.query<{
		exercise: string;
		number: number;
		scenario_sec: number;
		message: string;
		delivered_at: Date | string;
	}>(
		`select exercise, number, scenario_sec, message, delivered_at from exercise_inject
		where exercise = any($1::text[]) order by delivered_at, number`,
		[ids]
	);
