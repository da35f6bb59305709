import { error, type RequestEvent } from '@sveltejs/kit';
import { allows, TRAIN, type Grant } from '../auth/roles';

/** Who reads an after-action report: the trainers who ran the drill and the EOC's supervisors. */
export const REPORT: readonly Grant[] = [...TRAIN, 'supervisor'];

/** The trainer console's form actions (rules.ts names the same; each action checks again). */
export const DRILL_ACTIONS = {
	start: TRAIN,
	pause: TRAIN,
	resume: TRAIN,
	speed: TRAIN,
	jump: TRAIN,
	deliver: TRAIN,
	reset: TRAIN
} as const;

/**
 * The route's own check of its grant (the access hook checked rules.ts already), so that a route
 * moved out of the table, or a rule loosened by mistake, still refuses.
 */
export function requireGrant(event: Pick<RequestEvent, 'locals'>, rule: readonly Grant[]): void {
	if (!allows(rule, event.locals.principal ?? null)) error(403, 'Your role does not allow this.');
}
