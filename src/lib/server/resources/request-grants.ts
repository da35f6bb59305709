import { OPERATE, SUPERVISE } from '../auth/roles';

/**
 * Who may use each form action of the request pages: rules.ts takes these for its table, and each
 * action checks again itself (request-actions.ts), so that a hook that did not run still refuses.
 */
export const NEW_REQUEST_ACTIONS = { create: OPERATE } as const;
/** Approving and refusing: a supervisor or an admin. Moving a request on: an operator. */
export const REQUEST_ACTIONS = {
	approve: SUPERVISE,
	refuse: SUPERVISE,
	assign: OPERATE,
	enroute: OPERATE,
	deliver: OPERATE,
	cancel: OPERATE
} as const;
