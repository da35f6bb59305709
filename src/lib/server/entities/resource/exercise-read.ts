import type { RequestView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { jsonList } from '../json';
import { requestView } from './view';

/**
 * Every resource request of one drill, open or closed, oldest first: the after-action report's
 * "time to assign and deliver" (drills/report-data.ts).
 */
export const requestsOfExercise = (q: Queryable, exerciseId: string) =>
	jsonList<RequestView>(
		q,
		`select ${requestView.sql()} as v from resource_request q where q.exercise = $1
		order by q.requested_at, q.id`,
		[exerciseId]
	);
