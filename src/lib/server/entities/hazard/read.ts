import type { HazardView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonList } from '../json';
import { hazardView, latestHazards } from './view';

/** The hazards of one picture (the real one unless asked), each at its newest extent. */
export const readHazards = (q: Queryable, scope: Scope = REAL) =>
	jsonList<HazardView>(
		q,
		`select ${hazardView.sql()} as v from (${latestHazards}) h where ${inScope('h.exercise', 1)}`,
		[scope]
	);
