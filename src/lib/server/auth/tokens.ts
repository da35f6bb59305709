import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db';
import { accessToken, type AccessToken } from '../db/schema';
import { generateId, generateSecret, hashSecret } from './crypto';
import type { Principal, TokenKind } from './roles';

/**
 * Display and API tokens. The secret is shown once, when created; the table keeps its SHA-256.
 * The prefix says what a leaked string is (`eoc_d_` a wall display, `eoc_a_` an API client) so
 * that secret scanners and people can recognise it.
 */
export const TOKEN_PREFIX: Record<TokenKind, string> = { display: 'eoc_d_', api: 'eoc_a_' };
export const DISPLAY_COOKIE = 'eocwall_display';
const TOKEN_RE = /^eoc_[da]_[a-z2-7]{32}$/;
// last_used_at is written at most this often per token, not on every request.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export async function createAccessToken(
	db: Database,
	kind: TokenKind,
	name: string,
	createdBy: string
): Promise<{ token: string; row: AccessToken }> {
	const token = generateSecret(TOKEN_PREFIX[kind]);
	const [row] = await db.orm
		.insert(accessToken)
		.values({ id: generateId(), kind, name, tokenHash: hashSecret(token), createdBy })
		.returning();
	return { token, row };
}

/** The principal of a token of the expected kind, or null (unknown, revoked, wrong kind). */
export async function validateAccessToken(
	db: Database,
	token: string,
	kind: TokenKind
): Promise<Principal | null> {
	if (!TOKEN_RE.test(token) || !token.startsWith(TOKEN_PREFIX[kind])) return null;
	const [row] = await db.orm
		.select()
		.from(accessToken)
		.where(and(eq(accessToken.tokenHash, hashSecret(token)), isNull(accessToken.revokedAt)));
	if (!row || row.kind !== kind) return null;
	const stale = new Date(Date.now() - TOUCH_EVERY_MS);
	if (!row.lastUsedAt || row.lastUsedAt < stale) {
		await db.orm
			.update(accessToken)
			.set({ lastUsedAt: new Date() })
			.where(
				and(
					eq(accessToken.id, row.id),
					or(isNull(accessToken.lastUsedAt), lt(accessToken.lastUsedAt, stale))
				)
			);
	}
	return { kind, id: row.id, name: row.name };
}

export async function listAccessTokens(db: Database): Promise<AccessToken[]> {
	return db.orm.select().from(accessToken).orderBy(desc(accessToken.createdAt));
}

/** Revokes a token; false when there is no such live token. */
export async function revokeAccessToken(db: Database, id: string): Promise<AccessToken | null> {
	const [row] = await db.orm
		.update(accessToken)
		.set({ revokedAt: new Date() })
		.where(and(eq(accessToken.id, id), isNull(accessToken.revokedAt)))
		.returning();
	return row ?? null;
}
