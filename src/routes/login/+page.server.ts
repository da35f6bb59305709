import { fail, redirect } from '@sveltejs/kit';
import { audit, auditRefusedSignIn } from '$lib/server/auth/audit';
import { secureCookies, sessionMaxAgeMs } from '$lib/server/auth/guard';
import { safeNext } from '$lib/server/auth/next';
import { burnPasswordTime, verifyPassword } from '$lib/server/auth/password';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { hasActiveAdmin } from '$lib/server/auth/setup';
import {
	clearAccount,
	clientAddress,
	recordFailure,
	waitBeforeTrying
} from '$lib/server/auth/throttle';
import { findUserByEmail } from '$lib/server/auth/users';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	// Nobody can let anyone in yet: the page points to the setup link on the server's console.
	return { next, noUsers: !(await hasActiveAdmin(services().db)) };
};

export const actions: Actions = {
	/**
	 * One answer for every failure (unknown email, wrong password, disabled account), so that the
	 * form tells an attacker nothing; the audit log has the reason, counted per account and
	 * address. An unknown email costs the same argon2id verification as a wrong password and
	 * counts towards the throttle the same way. Only a throttled account or address is told how
	 * long to wait, and only the holder of an expired one-time password that it expired.
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
		// adapter-node's address: the socket's, or ADDRESS_HEADER/XFF_DEPTH behind a proxy.
		const address = clientAddress(event);
		const refuse = async (reason: string, more: { waitS?: number; expired?: boolean } = {}) => {
			await auditRefusedSignIn(db, { email, address, reason });
			return fail(400, { failed: true, email, ...more });
		};
		if (!email || !password) return refuse('email or password missing');
		const waitS = await waitBeforeTrying(db, { account: email, address });
		if (waitS > 0) return refuse('throttled', { waitS });
		const user = await findUserByEmail(db, email);
		if (!user) await burnPasswordTime(password);
		if (!user || !(await verifyPassword(user.passwordHash, password))) {
			await recordFailure(db, { account: email, address });
			return refuse(user ? 'wrong password' : 'no such user');
		}
		if (user.disabledAt) return refuse('account disabled');
		const expiry = user.mustChangePassword ? user.passwordExpiresAt : null;
		if (expiry && expiry.getTime() <= Date.now())
			return refuse('one-time password expired', { expired: true });
		await clearAccount(db, email);
		const { token, session } = await createSession(db, user.id, sessionMaxAgeMs());
		setSessionCookie(event.cookies, token, session.expiresAt, secureCookies());
		await audit(db, { actor: user.email, action: 'sign-in', address });
		redirect(303, user.mustChangePassword ? '/account?first=1' : next);
	}
};
