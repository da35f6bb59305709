import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { secureCookies } from '$lib/server/auth/guard';
import { clientAddress, recordFailure, waitBeforeTrying } from '$lib/server/auth/throttle';
import { DISPLAY_COOKIE, validateAccessToken } from '$lib/server/auth/tokens';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

// A kiosk keeps its token for 400 days (the most a browser keeps a cookie); revoking it ends it.
const KIOSK_DAYS = 400;

export const load: PageServerLoad = ({ locals }) => ({
	active: locals.principal?.kind === 'display' ? locals.principal.name : null
});

export const actions: Actions = {
	/** A wall kiosk enters its display token once; it is kept in an httpOnly cookie. */
	pair: async (event) => {
		const db = services().db;
		const form = await event.request.formData();
		const token = String(form.get('token') ?? '').trim();
		const address = clientAddress(event);
		// Refused tokens count against the address in the sign-in throttle.
		const principal =
			(await waitBeforeTrying(db, { address })) === 0 && token
				? await validateAccessToken(db, token, 'display')
				: null;
		if (!principal) {
			await recordFailure(db, { address });
			await audit(db, { actor: 'anonymous', action: 'display-token-refused', address });
			return fail(400, { invalid: true });
		}
		event.cookies.set(DISPLAY_COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: secureCookies(),
			maxAge: KIOSK_DAYS * 24 * 3600
		});
		await audit(db, {
			actor: `display-token:${principal.name}`,
			action: 'display-paired',
			address
		});
		redirect(303, '/wall');
	},
	forget: async (event) => {
		event.cookies.delete(DISPLAY_COOKIE, { path: '/' });
		redirect(303, '/display');
	}
};
