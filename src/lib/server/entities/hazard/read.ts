import type { HazardView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { viewRows } from '../view';
import { hazardView, latestHazards } from './view';

/** The hazards of one picture (the real one unless asked), each at its newest extent. */
export const readHazards = (q: Queryable, scope: Scope = REAL) =>
	viewRows<HazardView>(
		q,
		`select ${hazardView.sql()} as v from (${latestHazards}) h where ${inScope('h.exercise', 1)}`,
		[scope]
	);
