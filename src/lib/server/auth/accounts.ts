import type { Database, Queryable } from '../db';
import { actorOf, audit } from './audit';
import { hashPassword, oneTimePassword } from './password';
import { isRole, type Principal, type Role } from './roles';
import { oneTimeExpiry } from './users';

/**
 * What an admin does to another person's account at /admin. Each change runs in one transaction
 * with its audit row, under a lock that every account change takes: two admins demoting or
 * disabling each other at the same moment are taken one after the other, and the second sees the
 * first's change, so the last active admin always remains.
 */
export type AccountChange =
	| { kind: 'disable' }
	| { kind: 'enable' }
	| { kind: 'role'; role: string }
	| { kind: 'reset-password'; oneTimeHours?: number }
	| { kind: 'end-sessions' };

/** Message keys (messages/*.json) for a refused change. */
export type AccountProblem =
	'admin_last_admin' | 'admin_no_such_user' | 'admin_not_yourself' | 'role_invalid';

export class AccountError extends Error {
	constructor(readonly problem: AccountProblem) {
		super(problem);
	}
}

interface Target {
	id: string;
	email: string;
	role: string;
	disabled: boolean;
}

/**
 * The last-admin rule: a change that takes an active admin out of that role (disabling or
 * demoting) is allowed only while another active admin remains.
 */
export function leavesAnAdmin(
	activeAdminIds: readonly string[],
	target: Target,
	change: AccountChange
): boolean {
	const isActiveAdmin = target.role === 'admin' && !target.disabled;
	const removes = change.kind === 'disable' || (change.kind === 'role' && change.role !== 'admin');
	if (!isActiveAdmin || !removes) return true;
	return activeAdminIds.some((id) => id !== target.id);
}

/** What a change did: for a password reset, the new one-time password (shown once) and its end. */
export interface ChangeResult {
	email: string;
	password?: string;
	expiresAt?: Date;
	endedSessions?: number;
}

const ACTIONS = {
	disable: 'user-disable',
	enable: 'user-enable',
	role: 'user-role',
	'reset-password': 'user-password-reset',
	'end-sessions': 'user-sessions-end'
} as const;

async function endSessions(tx: Queryable, userId: string): Promise<number> {
	const [r] = await tx.query<{ n: number }>(
		`with d as (delete from session where user_id = $1 returning 1) select count(*)::int as n from d`,
		[userId]
	);
	return r.n;
}

export async function changeAccount(
	db: Database,
	by: Principal & { kind: 'user' },
	userId: string,
	change: AccountChange,
	address: string | null
): Promise<ChangeResult> {
	if (change.kind === 'role' && !isRole(change.role)) throw new AccountError('role_invalid');
	if (change.kind === 'disable' && userId === by.id) throw new AccountError('admin_not_yourself');
	// Hashed before the transaction: argon2id takes tens of milliseconds, the lock should not.
	const password = change.kind === 'reset-password' ? oneTimePassword() : undefined;
	const passwordHash = password ? await hashPassword(password) : undefined;
	return db.transaction(async (tx) => {
		await tx.query(`select pg_advisory_xact_lock(hashtext('eocwall:accounts'))`);
		const [t] = await tx.query<Target>(
			`select id, email, role, disabled_at is not null as disabled
			from user_account where id = $1 for update`,
			[userId]
		);
		if (!t) throw new AccountError('admin_no_such_user');
		const admins = await tx.query<{ id: string }>(
			`select id from user_account where role = 'admin' and disabled_at is null`
		);
		if (
			!leavesAnAdmin(
				admins.map((a) => a.id),
				t,
				change
			)
		)
			throw new AccountError('admin_last_admin');
		const result: ChangeResult = { email: t.email };
		let detail: Record<string, unknown> | undefined;
		switch (change.kind) {
			case 'disable':
				await tx.query(`update user_account set disabled_at = now() where id = $1`, [t.id]);
				detail = { endedSessions: (result.endedSessions = await endSessions(tx, t.id)) };
				break;
			case 'enable':
				await tx.query(`update user_account set disabled_at = null where id = $1`, [t.id]);
				break;
			case 'role':
				await tx.query(`update user_account set role = $2 where id = $1`, [t.id, change.role]);
				detail = { from: t.role, to: change.role as Role };
				break;
			case 'reset-password':
				result.password = password;
				result.expiresAt = oneTimeExpiry(change.oneTimeHours);
				await tx.query(
					`update user_account set password_hash = $2, must_change_password = true,
						password_expires_at = $3 where id = $1`,
					[t.id, passwordHash, result.expiresAt.toISOString()]
				);
				detail = {
					expiresAt: result.expiresAt.toISOString(),
					endedSessions: (result.endedSessions = await endSessions(tx, t.id))
				};
				break;
			case 'end-sessions':
				detail = { endedSessions: (result.endedSessions = await endSessions(tx, t.id)) };
				break;
		}
		await audit(tx, {
			actor: actorOf(by),
			action: ACTIONS[change.kind],
			target: t.email,
			detail,
			address
		});
		return result;
	});
}
