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
 * signed out mid-shift and an abandoned session dies within a week. An absolute lifetime besides
 * (SESSION_MAX_AGE_DAYS, default 30): however often it is used, a session ends that long after the
 * sign-in, so a stolen cookie does not live for ever.
 */
export const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 7 * DAY;
export const SESSION_MAX_AGE_MS = 30 * DAY;

/**
 * The cookie's name. Under https the `__Host-` prefix: the browser then takes the cookie only with
 * Secure, Path=/ and no Domain, so a sibling host or a plain-http page cannot plant or shadow it.
 * On plain http (an EOC's LAN without TLS) the browser would refuse that prefix: a plain name.
 */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-session' : 'eocwall_session';
}

export interface SessionInfo {
	id: string;
	userId: string;
	expiresAt: Date;
}

/** A session's end: the sliding expiry from `from`, never past the absolute lifetime. */
function endFrom(from: number, createdAt: number, maxAgeMs: number): Date {
	return new Date(Math.min(from + SESSION_LIFETIME_MS, createdAt + maxAgeMs));
}

export async function createSession(db: Database, userId: string, maxAgeMs = SESSION_MAX_AGE_MS) {
	const token = generateSecret();
	const now = Date.now();
	const s: SessionInfo = { id: hashSecret(token), userId, expiresAt: endFrom(now, now, maxAgeMs) };
	await db.orm.insert(sessionTable).values({ ...s, createdAt: new Date(now) });
	return { token, session: s };
}

/** The session and its user for a cookie token, renewing it when due; null when invalid. */
/**
 * Whether a session still stands, read only (no renewal, no clean-up): for a long-lived request
 * (a live stream) that must end when its user is disabled or their sessions are ended.
 */
export async function sessionStillValid(
	db: Database,
	sessionId: string,
	maxAgeMs = SESSION_MAX_AGE_MS
): Promise<boolean> {
	const [row] = await db.orm
		.select({ session: sessionTable, user: userAccount })
		.from(sessionTable)
		.innerJoin(userAccount, eq(sessionTable.userId, userAccount.id))
		.where(eq(sessionTable.id, sessionId));
	if (!row || row.user.disabledAt) return false;
	const end = Math.min(row.session.expiresAt.getTime(), row.session.createdAt.getTime() + maxAgeMs);
	return Date.now() < end;
}

export async function validateSessionToken(
	db: Database,
	token: string,
	maxAgeMs = SESSION_MAX_AGE_MS
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
	const now = Date.now();
	// A disabled user, or a one-time password that expired unchanged, ends the session at once.
	const otpExpired =
		u.mustChangePassword && u.passwordExpiresAt && now >= u.passwordExpiresAt.getTime();
	const end = Math.min(s.expiresAt.getTime(), s.createdAt.getTime() + maxAgeMs);
	if (now >= end || u.disabledAt || otpExpired || !isRole(u.role)) {
		await db.orm.delete(sessionTable).where(eq(sessionTable.id, id));
		return null;
	}
	const next = endFrom(now, s.createdAt.getTime(), maxAgeMs);
	const renewed = end - now < SESSION_LIFETIME_MS / 2 && next.getTime() > end;
	if (renewed) {
		s.expiresAt = next;
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

/** Secure when the app is reached over HTTPS (ORIGIN https://…), and then named `__Host-`. */
export function setSessionCookie(cookies: Cookies, token: string, expires: Date, secure: boolean) {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
