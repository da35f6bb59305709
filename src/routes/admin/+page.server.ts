import { fail } from '@sveltejs/kit';
import { actorOf, audit } from '$lib/server/auth/audit';
import { createUser, listUsers, newUserSchema, UserExistsError } from '$lib/server/auth/users';
import { ROLES } from '$lib/server/auth/roles';
import { services } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const users = await listUsers(services().db);
	return {
		roles: ROLES,
		users: users.map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			createdAt: u.createdAt.getTime(),
			mustChangePassword: u.mustChangePassword,
			disabled: u.disabledAt !== null
		}))
	};
};

export const actions: Actions = {
	/** Adds a user with a one-time password, shown once in the answer and never stored in clear. */
	addUser: async (event) => {
		const db = services().db;
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
			const { user, password } = await createUser(db, parsed.data);
			await audit(db, {
				actor: actorOf(event.locals.principal),
				action: 'user-add',
				target: user.email,
				detail: { role: user.role },
				address: event.getClientAddress()
			});
			return { added: { email: user.email, password } };
		} catch (e) {
			if (e instanceof UserExistsError)
				return fail(409, { fields, problem: 'admin_user_exists', field: 'email' });
			throw e;
		}
	}
};
