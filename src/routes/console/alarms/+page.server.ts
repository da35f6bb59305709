import { fail } from '@sveltejs/kit';
import { acknowledgeAlarm } from '$lib/server/alarms/ack';
import { actorOf } from '$lib/server/auth/audit';
import { allows, OPERATE } from '$lib/server/auth/roles';
import { clientAddress } from '$lib/server/auth/throttle';
import { readRecentAlarms } from '$lib/server/entities/alarm/read';
import { scopeOfPage } from '$lib/server/exercises/scope';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The picture's active alarms and those cleared in the last 24 hours. */
export const load: PageServerLoad = async ({ url, cookies }) => {
	const scope = scopeOfPage(url, cookies);
	return { alarms: await readRecentAlarms(services().db, scope), exercise: scope };
};

export const actions: Actions = {
	/** Form fields `id`, `comment` (optional). */
	ack: async (event) => {
		// The rule of rules.ts again, in the action itself (a hook that did not run still refuses).
		if (!allows(OPERATE, event.locals.principal ?? null))
			return fail(403, { id: '', problem: 'not_allowed' as const });
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '').trim();
		const comment = String(form.get('comment') ?? '');
		if (!id) return fail(400, { id, problem: 'not_found' as const });
		const r = await acknowledgeAlarm(services().db, {
			id,
			actorId: actorOf(event.locals.principal),
			comment,
			address: clientAddress(event),
			scope: scopeOfPage(event.url, event.cookies)
		});
		if (r.ok) return { acknowledged: id };
		return fail(
			r.problem === 'not_found' ? 404 : r.problem === 'already_acknowledged' ? 409 : 400,
			{
				id,
				problem: r.problem
			}
		);
	}
};
