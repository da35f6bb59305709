import type { Cookies } from '@sveltejs/kit';
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { session as sessionTable, userAccount } from '../db/schema';
import { generateSecret, hashSecret } from './crypto';
import { isRole, type Principal } from './roles';

/**
 * Sessions after the Lucia design (lucia-auth.com, "Basic session API"): a random token in an
 * httpOnly cookie; the table holds its SHA-256. Sliding expiry: a session lives 7 days from its
 * last renewal and is renewed when used in its second half, so a wall operator on shift is never
 * signed out mid-shift and an abandoned session dies within a week.
 */
export const SESSION_COOKIE = 'eocwall_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 7 * DAY;

export interface SessionInfo {
	id: string;
	userId: string;
	expiresAt: Date;
}

export async function createSession(db: Database, userId: string) {
	const token = generateSecret();
	const s: SessionInfo = {
		id: hashSecret(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await db.orm.insert(sessionTable).values(s);
	return { token, session: s };
}

/** The session and its user for a cookie token, renewing it when due; null when invalid. */
export async function validateSessionToken(
	db: Database,
	token: string
): Promise<{
	session: SessionInfo;
	user: Principal & { kind: 'user' };
	/** True when the expiry moved: the cookie must be sent again with it. */
	renewed: boolean;
} | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashSecret(token);
	const [row] = await db.orm
		.select({ session: sessionTable, user: userAccount })
		.from(sessionTable)
		.innerJoin(userAccount, eq(sessionTable.userId, userAccount.id))
		.where(eq(sessionTable.id, id));
	if (!row) return null;
	const { session: s, user: u } = row;
	if (Date.now() >= s.expiresAt.getTime() || u.disabledAt || !isRole(u.role)) {
		await db.orm.delete(sessionTable).where(eq(sessionTable.id, id));
		return null;
	}
	const renewed = s.expiresAt.getTime() - Date.now() < SESSION_LIFETIME_MS / 2;
	if (renewed) {
		s.expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
		await db.orm
			.update(sessionTable)
			.set({ expiresAt: s.expiresAt })
			.where(eq(sessionTable.id, id));
	}
	return {
		renewed,
		session: { id: s.id, userId: s.userId, expiresAt: s.expiresAt },
		user: {
			kind: 'user',
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			mustChangePassword: u.mustChangePassword
		}
	};
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.orm.delete(sessionTable).where(eq(sessionTable.id, sessionId));
}

/** Ends every session of a user, or every one but `keep` (after a password change). */
export async function invalidateUserSessions(
	db: Database,
	userId: string,
	keep?: string
): Promise<void> {
	await db.orm
		.delete(sessionTable)
		.where(
			keep
				? and(eq(sessionTable.userId, userId), ne(sessionTable.id, keep))
				: eq(sessionTable.userId, userId)
		);
}

/** Secure when the app is reached over HTTPS (ORIGIN https://… or an https request). */
export function setSessionCookie(cookies: Cookies, token: string, expires: Date, secure: boolean) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
