import { clientAddress } from '$lib/server/auth/throttle';
import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { secureCookies } from '$lib/server/auth/guard';
import { clearSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { services } from '$lib/server/app/runtime';
import type { Actions } from './$types';

// Sign-out is a POST (a form action), never a GET a link prefetch could trigger.
export const actions: Actions = {
	default: async (event) => {
		const db = services().db;
		if (event.locals.session) {
			await invalidateSession(db, event.locals.session.id);
			await audit(db, {
				actor: event.locals.user?.email ?? 'anonymous',
				action: 'sign-out',
				address: clientAddress(event)
			});
		}
		clearSessionCookie(event.cookies, secureCookies());
		redirect(303, '/login');
	}
};
