import { z } from 'zod';
import { audit } from '../auth/audit';
import { newPasswordSchema } from '../auth/password';
import { createUser, newUserSchema, type NewUser } from '../auth/users';
import type { Database } from '../db';

/** What `npm run user:add` asks for, checked where it arrives (the command line or the socket). */
export const userAddRequest = newUserSchema.extend({ password: newPasswordSchema.optional() });
export type UserAddRequest = z.input<typeof userAddRequest>;

/** What it answers: the user, and the one-time password when none was given (shown once). */
export interface UserAddResult {
	email: string;
	name: string;
	role: string;
	oneTimePassword: string | null;
}

/**
 * Adds a user as the command line does, in whichever process holds the database: the tool
 * itself (PostgreSQL, or PGlite with no server running) or the running server (admin socket).
 * Throws UserExistsError for an email that exists.
 */
export async function addUserAudited(
	db: Database,
	input: NewUser,
	password: string | undefined,
	via: 'cli' | 'admin socket',
	oneTimeHours: number
): Promise<UserAddResult> {
	const r = await createUser(db, input, password, { oneTimeHours });
	await audit(db, {
		actor: 'cli',
		action: 'user-add',
		target: r.user.email,
		detail: { role: r.user.role, via }
	});
	return {
		email: r.user.email,
		name: r.user.name,
		role: r.user.role,
		oneTimePassword: r.oneTime ? r.password : null
	};
}
