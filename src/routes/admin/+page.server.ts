import { clientAddress } from '$lib/server/auth/throttle';
import { fail, type RequestEvent } from '@sveltejs/kit';
import { AccountError, changeAccount, type AccountChange } from '$lib/server/auth/accounts';
import { actorOf, audit } from '$lib/server/auth/audit';
import { createUser, listUsers, newUserSchema, UserExistsError } from '$lib/server/auth/users';
import { ROLES } from '$lib/server/auth/roles';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = services().db;
	const users = await listUsers(db);
	const open = await db.query<{ user_id: string; n: number }>(
		`select user_id, count(*)::int as n from session where expires_at > now() group by user_id`
	);
	const sessions = new Map(open.map((r) => [r.user_id, r.n]));
	return {
		roles: ROLES,
		me: locals.user?.id ?? null,
		users: users.map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			createdAt: u.createdAt.getTime(),
			mustChangePassword: u.mustChangePassword,
			oneTimeExpired:
				u.mustChangePassword && u.passwordExpiresAt !== null && u.passwordExpiresAt <= new Date(),
			disabled: u.disabledAt !== null,
			sessions: sessions.get(u.id) ?? 0
		}))
	};
};

/**
 * One account change by the signed-in admin (the route's rule has checked the role; the change
 * itself checks the last-admin rule in its transaction). The answer names the user and what was
 * done, or the problem as a message key.
 */
async function act(event: RequestEvent, change: (form: FormData) => AccountChange) {
	const me = event.locals.user;
	if (!me) return fail(401, { problem: 'admin_no_such_user', userId: '' });
	const form = await event.request.formData();
	const userId = String(form.get('id') ?? '');
	const c = change(form);
	try {
		const r = await changeAccount(services().db, me, userId, c, clientAddress(event));
		return {
			changed: { userId, email: r.email, kind: c.kind },
			reset: r.password
				? { email: r.email, password: r.password, expiresAt: r.expiresAt!.getTime() }
				: null
		};
	} catch (e) {
		if (e instanceof AccountError) return fail(409, { problem: e.problem, userId });
		throw e;
	}
}

export const actions: Actions = {
	/** Adds a user with a one-time password, shown once in the answer and never stored in clear. */
	addUser: async (event) => {
		const { db, config } = services();
		const form = await event.request.formData();
		const fields = {
			email: String(form.get('email') ?? ''),
			name: String(form.get('name') ?? ''),
			role: String(form.get('role') ?? '')
		};
		const parsed = newUserSchema.safeParse(fields);
		if (!parsed.success)
			return fail(400, {
				fields,
				problem: parsed.error.issues[0].message,
				field: String(parsed.error.issues[0].path[0])
			});
		try {
			const { user, password } = await createUser(db, parsed.data, undefined, {
				oneTimeHours: config.ONE_TIME_PASSWORD_HOURS
			});
			await audit(db, {
				actor: actorOf(event.locals.principal),
				action: 'user-add',
				target: user.email,
				detail: { role: user.role },
				address: clientAddress(event)
			});
			return { added: { email: user.email, password } };
		} catch (e) {
			if (e instanceof UserExistsError)
				return fail(409, { fields, problem: 'admin_user_exists', field: 'email' });
			throw e;
		}
	},
	disable: (event) => act(event, () => ({ kind: 'disable' })),
	enable: (event) => act(event, () => ({ kind: 'enable' })),
	role: (event) => act(event, (f) => ({ kind: 'role', role: String(f.get('role') ?? '') })),
	resetPassword: (event) =>
		act(event, () => ({
			kind: 'reset-password',
			oneTimeHours: services().config.ONE_TIME_PASSWORD_HOURS
		})),
	endSessions: (event) => act(event, () => ({ kind: 'end-sessions' }))
};
