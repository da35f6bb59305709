import { clientAddress } from '$lib/server/auth/throttle';
import { fail } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { newPasswordSchema, verifyPassword } from '$lib/server/auth/password';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { findUserById, setPassword } from '$lib/server/auth/users';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	first: Boolean(locals.user?.mustChangePassword) || url.searchParams.has('first')
});

/** Message keys (messages/*.json) for what can be wrong with a password change. */
type Problem =
	| 'account_wrong_current'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_spaces'
	| 'password_mismatch'
	| 'password_same';

export const actions: Actions = {
	// Changing the password ends every other session of the user (a stolen one included).
	default: async (event) => {
		const db = services().db;
		const me = event.locals.user;
		const session = event.locals.session;
		if (!me || !session) return fail(401, { problem: 'account_wrong_current' as Problem });
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('new') ?? '');
		const repeat = String(form.get('repeat') ?? '');
		const user = await findUserById(db, me.id);
		if (!user || !(await verifyPassword(user.passwordHash, current)))
			return fail(400, { problem: 'account_wrong_current' as Problem });
		const parsed = newPasswordSchema.safeParse(next);
		if (!parsed.success) return fail(400, { problem: parsed.error.issues[0].message as Problem });
		if (next !== repeat) return fail(400, { problem: 'password_mismatch' as Problem });
		if (next === current) return fail(400, { problem: 'password_same' as Problem });
		await setPassword(db, me.id, next);
		await invalidateUserSessions(db, me.id, session.id);
		await audit(db, {
			actor: me.email,
			action: 'password-change',
			address: clientAddress(event)
		});
		return { changed: true };
	}
};
