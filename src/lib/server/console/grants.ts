import { clientAddress } from '../auth/throttle';
import type { RequestEvent } from '@sveltejs/kit';
import { actorOf } from '../auth/audit';
import { ADMIN, allows, OPERATE, SUPERVISE, type Grant } from '../auth/roles';
import type { Actor } from './log';

/**
 * Who may use each form action of the console's log and settings pages. rules.ts names the same
 * grants (a unit test holds them equal); each action checks again itself (takeForm), so that a
 * hook that did not run, or a rule loosened by mistake, still does not let an operator verify.
 */
export const LOG_ACTIONS = { post: OPERATE, verify: SUPERVISE } as const;
export const SETTINGS_ACTIONS = {
	eoc: ADMIN,
	activation: SUPERVISE,
	shelter: OPERATE,
	sensor: ADMIN
} as const;

/** The device registry: an operator maps a device from the queue; an admin registers or unmaps. */
export const DEVICE_ACTIONS = {
	map: OPERATE,
	bind: OPERATE,
	register: ADMIN,
	unmap: ADMIN
} as const;

/** Which of these actions the principal may use: the page shows only their forms. */
export function mayUse<K extends string>(
	actions: Record<K, readonly Grant[]>,
	event: Pick<RequestEvent, 'locals'>
): Record<K, boolean> {
	const out = {} as Record<K, boolean>;
	for (const k of Object.keys(actions) as K[]) out[k] = allows(actions[k], event.locals.principal);
	return out;
}

/** The signed-in person as the log and the audit log name them. */
export function actorFor(event: Pick<RequestEvent, 'locals' | 'getClientAddress'>): Actor {
	const p = event.locals.principal;
	return {
		name: event.locals.user?.name ?? actorOf(p),
		audit: actorOf(p),
		address: clientAddress(event)
	};
}
