import { ADMIN, OPERATE, SUPERVISE } from '../auth/roles';

/**
 * Who may do what with the contact directory (/console/contacts). Phone numbers, chat ids and
 * addresses are personal data: operators read the directory masked (they choose whom a warning
 * reaches, not whom to call); supervisors and admins keep it; only admins see the full numbers and
 * export them. rules.ts takes these for its table, and each action checks again itself.
 */
export const CONTACT_READ = OPERATE;
export const CONTACT_FULL = ADMIN;
export const CONTACT_ACTIONS = {
	save: SUPERVISE,
	active: SUPERVISE,
	import: SUPERVISE
} as const;
