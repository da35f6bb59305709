import { randomBytes } from 'node:crypto';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Database, Queryable } from '../db';
import { audit } from './audit';
import { generateId, hashSecret, safeEqual } from './crypto';
import { hashPassword } from './password';
import type { NewUser } from './users';

/**
 * The first run: while no active administrator exists, the server holds one setup token (in
 * memory only, never in the database or the JSON log) and prints a link with it on its console.
 * The link's page creates the first administrator; from then on the token is dead for good.
 */
const KEY = Symbol.for('eocwall.setup-token');
type Holder = { [KEY]?: { hash: string | null; retired: boolean } };
const holder = globalThis as Holder;
const state = () => (holder[KEY] ??= { hash: null, retired: false });

/** Serializes first-admin creation across requests and instances (any constant; see others in src). */
export const SETUP_LOCK = 7_311_001;

/** Cookie that carries the token from the printed link to the form (the address bar drops it). */
export const SETUP_COOKIE = 'eocwall_setup';

/** A fresh token (256 random bits, base64url); only its hash is kept. Null once retired. */
export function issueSetupToken(): string | null {
	const s = state();
	if (s.retired) return null;
	const token = encodeBase64urlNoPadding(randomBytes(32));
	s.hash = hashSecret(token);
	return token;
}

/** Whether the token is the one printed on the console and still alive (constant-time). */
export function setupTokenValid(token: string | null | undefined): boolean {
	const s = state();
	if (!token || !s.hash || s.retired || token.length > 100) return false;
	return safeEqual(hashSecret(token), s.hash);
}

/** Kills the token: the first administrator exists. */
export function retireSetupToken(): void {
	const s = state();
	s.hash = null;
	s.retired = true;
}

/** Whether some administrator can sign in (not disabled). */
export async function hasActiveAdmin(q: Queryable): Promise<boolean> {
	const rows = await q.query(
		`select 1 from user_account where role = 'admin' and disabled_at is null limit 1`
	);
	return rows.length > 0;
}

export type FirstAdminResult = 'created' | 'admin-exists' | 'email-taken';

/**
 * Creates the first administrator with the password the person chose (argon2id, no change
 * required), audited in the same transaction. Under an advisory lock, so two posts at once (or
 * two instances) create one administrator: the second finds the first and answers admin-exists.
 */
export async function createFirstAdmin(
	db: Database,
	user: Omit<NewUser, 'role'>,
	password: string,
	address: string | null
): Promise<FirstAdminResult> {
	const passwordHash = await hashPassword(password); // before the lock: argon2id takes a while
	const result = await db.transaction(async (tx): Promise<FirstAdminResult> => {
		await tx.query(`select pg_advisory_xact_lock(${SETUP_LOCK})`);
		if (await hasActiveAdmin(tx)) return 'admin-exists';
		const rows = await tx.query(
			`insert into user_account (id, email, name, role, password_hash, must_change_password)
			values ($1, $2, $3, 'admin', $4, false)
			on conflict (email) do nothing returning id`,
			[generateId(), user.email, user.name, passwordHash]
		);
		if (rows.length === 0) return 'email-taken';
		await audit(tx, {
			actor: user.email,
			action: 'first-admin',
			target: user.email,
			detail: { role: 'admin', via: 'setup link' },
			address
		});
		return 'created';
	});
	if (result !== 'email-taken') retireSetupToken();
	return result;
}
