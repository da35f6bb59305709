/**
 * Compile-time checks of defineView, run by `npm run check` (svelte-check type-checks this file;
 * nothing imports it at run time). Each `@ts-expect-error` must meet an error: if defineView ever
 * accepted a view type and an SQL map that disagree, the directive would be unused and the check
 * would fail.
 */
import type { ExerciseView, HazardView, IncidentView, SensorView, TeamView } from '$lib/live/types';
import { defineView, col, type ViewFields } from './view';
import { sensorFields } from './sensor/view';
import { teamFields } from './team/view';
import { incidentFields } from './incident/view';
import { hazardFields } from './hazard/view';
import { exerciseFields } from './exercise/view';

interface Two {
	a: string;
	b: number | null;
}

// every field declared: fine
defineView<Two>('x', { a: col('a'), b: col('b') });

// @ts-expect-error: field `b` of the view type has no SQL expression
defineView<Two>('x', { a: col('a') });

// @ts-expect-error: an SQL expression for `c`, which the view type does not have
defineView<Two>('x', { a: col('a'), b: col('b'), c: col('c') });

// The real team view: a field added to TeamView without SQL breaks the build.
// @ts-expect-error: `extra` has no SQL expression in the team's view
export const widened: ViewFields<TeamView & { extra: string }> = teamFields;

// The same for the sensor's view.
// @ts-expect-error: `extra` has no SQL expression in the sensor's view
export const widenedSensor: ViewFields<SensorView & { extra: string }> = sensorFields;

// The incident's view: the same holds.
// @ts-expect-error: `extra` has no SQL expression in the incident's view
export const widenedIncident: ViewFields<IncidentView & { extra: string }> = incidentFields;

// The hazard's view: the same holds.
// @ts-expect-error: `extra` has no SQL expression in the hazard's view
export const widenedHazard: ViewFields<HazardView & { extra: string }> = hazardFields;

// The exercise's view: the same holds.
// @ts-expect-error: `extra` has no SQL expression in the exercise's view
export const widenedExercise: ViewFields<ExerciseView & { extra: string }> = exerciseFields;

// The reverse on a real view: an SQL expression for a field the view type lacks.
// @ts-expect-error: `extra` is not a field of TeamView
defineView<TeamView>('t', { ...teamFields, extra: col('extra') });
