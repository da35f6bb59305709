import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { secureCookies } from '$lib/server/auth/guard';
import { safeNext } from '$lib/server/auth/next';
import { burnPasswordTime, verifyPassword } from '$lib/server/auth/password';
import {
	accountMayTry,
	clearAccountFailures,
	recordAccountFailure,
	takeAddressAttempt
} from '$lib/server/auth/rate-limit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { hasActiveAdmin } from '$lib/server/auth/setup';
import { findUserByEmail } from '$lib/server/auth/users';
import { services } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	// Nobody can let anyone in yet: the page points to the setup link on the server's console.
	return { next, noUsers: !(await hasActiveAdmin(services().db)) };
};

export const actions: Actions = {
	/**
	 * One answer for every failure (unknown email, wrong password, disabled account, too many
	 * attempts), so that the form tells an attacker nothing; the audit log has the reason.
	 */
	default: async (event) => {
		const db = services().db;
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.toLowerCase()
			.slice(0, 254);
		const password = String(form.get('password') ?? '');
		const next = safeNext(form.get('next'));
		const address = event.getClientAddress();
		const failed = async (reason: string) => {
			await audit(db, {
				actor: email || 'anonymous',
				action: 'sign-in-failed',
				detail: { reason },
				address
			});
			return fail(400, { failed: true, email });
		};
		if (!(await takeAddressAttempt(address))) return failed('too many attempts from this address');
		if (!email || !password) return failed('email or password missing');
		if (!(await accountMayTry(email))) return failed('too many failures for this account');
		const user = await findUserByEmail(db, email);
		if (!user) {
			await burnPasswordTime(password);
			return failed('no such user');
		}
		if (!(await verifyPassword(user.passwordHash, password))) {
			await recordAccountFailure(email);
			return failed('wrong password');
		}
		if (user.disabledAt) return failed('account disabled');
		await clearAccountFailures(email);
		const { token, session } = await createSession(db, user.id);
		setSessionCookie(event.cookies, token, session.expiresAt, secureCookies());
		await audit(db, { actor: user.email, action: 'sign-in', address });
		redirect(303, user.mustChangePassword ? '/account?first=1' : next);
	}
};
