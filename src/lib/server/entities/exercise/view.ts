import type { ExerciseView } from '$lib/live/types';
import { col, defineView, ts, type ViewFields } from '../view';

/** What a screen sees of a drill run, from an `exercise` row. */
export const exerciseFields = {
	id: col('id'),
	name: col('name'),
	scenario: col('scenario'),
	status: col('status'),
	startedAt: ts('started_at'),
	endedAt: ts('ended_at'),
	// its own id: the stream sends an exercise's state to that exercise's picture only
	exercise: (a) => `${a}.id`
} satisfies ViewFields<ExerciseView>;

export const exerciseView = defineView<ExerciseView>('e', exerciseFields);

/** The change log's read: (entity_id, data) of the exercises whose ids are $1 (a text[]). */
export const exercisesById = `select e.id as entity_id, ${exerciseView.sql()} as data from exercise e
	where e.id = any($1::text[])`;
