import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { userAccount, type UserAccount } from '../db/schema';
import { generateId } from './crypto';
import { hashPassword, newPasswordSchema, oneTimePassword } from './password';
import { ROLES } from './roles';

export const newUserSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(254)
		.pipe(z.email({ message: 'email_invalid' })),
	name: z.string().trim().min(1, 'name_missing').max(80, 'name_too_long'),
	role: z.enum(ROLES, { message: 'role_invalid' })
});
export type NewUser = z.input<typeof newUserSchema>;

export class UserExistsError extends Error {
	constructor(email: string) {
		super(`a user with the email ${email} exists already`);
	}
}

/** How long a one-time password works unless ONE_TIME_PASSWORD_HOURS says otherwise. */
export const ONE_TIME_PASSWORD_HOURS = 24;

/** When a one-time password made now stops working. */
export function oneTimeExpiry(hours = ONE_TIME_PASSWORD_HOURS): Date {
	return new Date(Date.now() + hours * 3600_000);
}

/**
 * Creates a user. Without a password, a one-time password is generated and must be changed at the
 * first sign-in, within `opts.oneTimeHours` (24 by default); it is returned once and never stored
 * in clear.
 */
export async function createUser(
	db: Database,
	input: NewUser,
	password?: string,
	opts: { oneTimeHours?: number } = {}
): Promise<{ user: UserAccount; password: string; oneTime: boolean }> {
	const u = newUserSchema.parse(input);
	const oneTime = password === undefined;
	const pw = password ?? oneTimePassword();
	if (!oneTime) newPasswordSchema.parse(pw);
	const [existing] = await db.orm
		.select({ id: userAccount.id })
		.from(userAccount)
		.where(eq(userAccount.email, u.email));
	if (existing) throw new UserExistsError(u.email);
	const [user] = await db.orm
		.insert(userAccount)
		.values({
			id: generateId(),
			email: u.email,
			name: u.name,
			role: u.role,
			passwordHash: await hashPassword(pw),
			mustChangePassword: oneTime,
			passwordExpiresAt: oneTime ? oneTimeExpiry(opts.oneTimeHours) : null
		})
		.returning();
	return { user, password: pw, oneTime };
}

export async function findUserByEmail(db: Database, email: string): Promise<UserAccount | null> {
	const [u] = await db.orm
		.select()
		.from(userAccount)
		.where(eq(userAccount.email, email.trim().toLowerCase()));
	return u ?? null;
}

export async function findUserById(db: Database, id: string): Promise<UserAccount | null> {
	const [u] = await db.orm.select().from(userAccount).where(eq(userAccount.id, id));
	return u ?? null;
}

export async function listUsers(db: Database): Promise<UserAccount[]> {
	return db.orm.select().from(userAccount).orderBy(asc(userAccount.email));
}

export async function setPassword(db: Database, userId: string, password: string): Promise<void> {
	await db.orm
		.update(userAccount)
		.set({
			passwordHash: await hashPassword(password),
			mustChangePassword: false,
			passwordExpiresAt: null
		})
		.where(eq(userAccount.id, userId));
}
