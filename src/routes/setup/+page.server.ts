import { clientAddress } from '$lib/server/auth/throttle';
import { fail, redirect } from '@sveltejs/kit';
import { secureCookies } from '$lib/server/auth/guard';
import { newPasswordSchema } from '$lib/server/auth/password';
import {
	SETUP_COOKIE,
	createFirstAdmin,
	hasActiveAdmin,
	setupTokenValid
} from '$lib/server/auth/setup';
import { newUserSchema } from '$lib/server/auth/users';
import { log } from '$lib/server/ops/log';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Message keys (messages/*.json) for what can be wrong with the form. */
type Problem =
	| 'email_invalid'
	| 'name_missing'
	| 'name_too_long'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_spaces'
	| 'password_mismatch'
	| 'admin_user_exists';

const COOKIE = { path: '/setup', httpOnly: true, sameSite: 'lax', maxAge: 24 * 3600 } as const;

/**
 * The printed link is `/setup?token=…`. A valid token moves into a cookie and the page reloads
 * without it, so the secret leaves the address bar and history, and the language links (which
 * replace the query) keep working. Every answer says only: the form, "already set up", or "not
 * a valid link", never anything about the token.
 */
export const load: PageServerLoad = async ({ url, cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	if (await hasActiveAdmin(services().db)) {
		cookies.delete(SETUP_COOKIE, { path: COOKIE.path });
		return { state: 'set-up' as const };
	}
	const fromUrl = url.searchParams.get('token');
	if (fromUrl !== null) {
		if (!setupTokenValid(fromUrl)) return { state: 'bad-token' as const };
		cookies.set(SETUP_COOKIE, fromUrl, { ...COOKIE, secure: secureCookies() });
		const lang = url.searchParams.get('lang');
		redirect(303, lang ? `/setup?lang=${encodeURIComponent(lang)}` : '/setup');
	}
	if (!setupTokenValid(cookies.get(SETUP_COOKIE))) return { state: 'bad-token' as const };
	return { state: 'form' as const };
};

export const actions: Actions = {
	default: async (event) => {
		const db = services().db;
		const form = await event.request.formData();
		const fields = {
			email: String(form.get('email') ?? ''),
			name: String(form.get('name') ?? '')
		};
		const address = clientAddress(event);
		if (await hasActiveAdmin(db)) return fail(409, { state: 'set-up' as const });
		if (!setupTokenValid(event.cookies.get(SETUP_COOKIE))) {
			log.warn({ address }, 'setup form posted without a valid setup token: refused');
			return fail(400, { state: 'bad-token' as const });
		}
		const problem = (p: Problem) => fail(400, { state: 'form' as const, fields, problem: p });
		const user = newUserSchema.omit({ role: true }).safeParse(fields);
		if (!user.success) return problem(user.error.issues[0].message as Problem);
		const password = String(form.get('password') ?? '');
		const pw = newPasswordSchema.safeParse(password);
		if (!pw.success) return problem(pw.error.issues[0].message as Problem);
		if (password !== String(form.get('repeat') ?? '')) return problem('password_mismatch');
		const result = await createFirstAdmin(db, user.data, password, address);
		if (result === 'email-taken') return problem('admin_user_exists');
		event.cookies.delete(SETUP_COOKIE, { path: COOKIE.path });
		if (result === 'admin-exists') return fail(409, { state: 'set-up' as const });
		log.info({ email: user.data.email }, 'first administrator created from the setup link');
		return { state: 'created' as const, email: user.data.email };
	}
};
