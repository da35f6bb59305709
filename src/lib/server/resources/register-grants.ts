import { OPERATE } from '../auth/roles';

/**
 * Who may use each form action of the register (/console/resources): rules.ts takes these for its
 * table, and each action checks again itself (register-actions.ts), so that a hook that did not
 * run still refuses. The register is kept by the EOC's operators, supervisors and admins.
 */
export const REGISTER_ACTIONS = {
	add: OPERATE,
	edit: OPERATE,
	retire: OPERATE,
	store: OPERATE,
	stock: OPERATE,
	import: OPERATE
} as const;
