import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, changeAccount } from '../src/lib/server/auth/accounts';
import { auditRefusedSignIn } from '../src/lib/server/auth/audit';
import { pruneAuth } from '../src/lib/server/auth/prune';
import type { Principal } from '../src/lib/server/auth/roles';
import { createSession, DAY, validateSessionToken } from '../src/lib/server/auth/session';
import {
	clearAccount,
	recordFailure,
	THROTTLE,
	waitBeforeTrying
} from '../src/lib/server/auth/throttle';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase, type Database } from '../src/lib/server/db';
import { ROOT } from './helpers/app';
import { BACKEND, REAL, freshDatabase, type TestDatabase } from './helpers/backend';

type Person = Principal & { kind: 'user' };

/**
 * Accounts on the database itself: the throttle as two instances see it, the aggregated audit of
 * refused sign-ins, the last-admin rule under concurrent changes, the absolute session lifetime,
 * expiring one-time passwords and pruning.
 */
describe(`accounts on the database, on ${BACKEND}`, () => {
	let t: TestDatabase;
	let db: Database;
	// A second instance: its own connection pool on PostgreSQL (PGlite allows one process).
	let other: Database;
	const open = () =>
		openDatabase({ DATABASE_URL: t.env.DATABASE_URL, PGLITE_DIR: t.env.PGLITE_DIR ?? '' });
	const person = async (email: string, role: 'admin' | 'operator'): Promise<Person> => {
		const { user } = await createUser(db, { email, name: email, role }, 'a long password 1');
		return { kind: 'user', id: user.id, email, name: email, role, mustChangePassword: false };
	};

	beforeAll(async () => {
		t = await freshDatabase();
		db = await open();
		await db.migrate(join(ROOT, 'drizzle'));
		other = REAL ? await open() : db;
	});
	afterAll(async () => {
		if (other !== db) await other?.close();
		await db?.close();
		await t?.drop();
	});

	it('throttles an account for every instance, with a wait that ends, and a success clears it', async () => {
		const who = { account: 'guess@example.org', address: '203.0.113.7' };
		for (let i = 1; i < THROTTLE.free.account; i++) await recordFailure(db, who);
		expect(await waitBeforeTrying(other, who)).toBe(0);
		await recordFailure(other, who);
		const wait = await waitBeforeTrying(db, who);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(THROTTLE.firstDelayS);
		// Another address trying the same account waits too; another account from here does not.
		expect(await waitBeforeTrying(db, { ...who, address: '198.51.100.1' })).toBe(wait);
		expect(await waitBeforeTrying(db, { ...who, account: 'other@example.org' })).toBe(0);
		// The block runs out (moved into the past here): the owner may try again.
		await db.query(`update sign_in_throttle set blocked_until = now() - interval '1 second'`);
		expect(await waitBeforeTrying(other, who)).toBe(0);
		// The next failure doubles the wait; a success clears the account's count.
		await recordFailure(db, who);
		expect(await waitBeforeTrying(db, who)).toBeGreaterThan(THROTTLE.firstDelayS);
		await clearAccount(other, who.account);
		expect(await waitBeforeTrying(db, { ...who, address: '198.51.100.1' })).toBe(0);
	});

	it('counts refused sign-ins into one audit row per account and address', async () => {
		const e = { email: 'flood@example.org', address: '203.0.113.9' };
		await auditRefusedSignIn(db, { ...e, reason: 'wrong password' });
		await Promise.all([
			auditRefusedSignIn(other, { ...e, reason: 'wrong password' }),
			auditRefusedSignIn(db, { ...e, reason: 'throttled' })
		]);
		await auditRefusedSignIn(db, { ...e, address: '203.0.113.10', reason: 'no such user' });
		const rows = await db.query<{ address: string; detail: Record<string, unknown> }>(
			`select address, detail from audit_log where actor = $1 order by id`,
			[e.email]
		);
		expect(rows.map((r) => r.address)).toEqual([e.address, '203.0.113.10']);
		expect(rows[0].detail).toMatchObject({
			count: 3,
			reasons: { 'wrong password': 2, throttled: 1 }
		});
		expect(rows[1].detail).toMatchObject({ count: 1, reasons: { 'no such user': 1 } });
	});

	it('keeps the last active admin when two admins demote each other at the same moment', async () => {
		const a = await person('a-admin@example.org', 'admin');
		const b = await person('b-admin@example.org', 'admin');
		for (let round = 0; round < 3; round++) {
			const r = await Promise.allSettled([
				changeAccount(db, a, b.id, { kind: 'role', role: 'operator' }, null),
				changeAccount(other, b, a.id, { kind: 'disable' }, null)
			]);
			const refused = r.filter((x) => x.status === 'rejected');
			expect(refused).toHaveLength(1);
			const reason = (refused[0] as PromiseRejectedResult).reason;
			expect(reason).toBeInstanceOf(AccountError);
			expect((reason as AccountError).problem).toBe('admin_last_admin');
			const admins = await db.query(
				`select email from user_account where role = 'admin' and disabled_at is null`
			);
			expect(admins).toHaveLength(1);
			// Both admins again for the next round.
			await db.query(
				`update user_account set role = 'admin', disabled_at = null where id in ($1, $2)`,
				[a.id, b.id]
			);
		}
		const audited = await db.query<{ action: string }>(
			`select action from audit_log where action in ('user-role', 'user-disable')`
		);
		expect(audited).toHaveLength(3);
	});

	it('ends a session at its absolute lifetime however recently it was used', async () => {
		const u = await person('long@example.org', 'operator');
		const { token, session } = await createSession(db, u.id, 30 * DAY);
		expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
		// Signed in 29.5 days ago, used a minute ago: renewed, but only up to day 30.
		await db.query(
			`update session set created_at = now() - interval '29 days 12 hours', expires_at = now() + interval '1 minute' where id = $1`,
			[session.id]
		);
		const v = await validateSessionToken(db, token, 30 * DAY);
		expect(v).not.toBeNull();
		expect(v!.session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + DAY / 2 + 1000);
		await db.query(
			`update session set created_at = now() - interval '30 days 1 second' where id = $1`,
			[session.id]
		);
		expect(await validateSessionToken(db, token, 30 * DAY)).toBeNull();
	});

	it('expires a one-time password: a session made with it stops working', async () => {
		const { user, oneTime } = await createUser(
			db,
			{ email: 'otp@example.org', name: 'O', role: 'viewer' },
			undefined,
			{ oneTimeHours: 24 }
		);
		expect(oneTime).toBe(true);
		const exp = user.passwordExpiresAt!.getTime() - Date.now();
		expect(exp).toBeGreaterThan(23.9 * 3600_000);
		expect(exp).toBeLessThanOrEqual(24 * 3600_000);
		const { token } = await createSession(db, user.id);
		expect(await validateSessionToken(db, token)).not.toBeNull();
		await db.query(
			`update user_account set password_expires_at = now() - interval '1 second' where id = $1`,
			[user.id]
		);
		expect(await validateSessionToken(db, token)).toBeNull();
	});

	it('prunes ended sessions and forgotten throttle rows, and keeps live ones', async () => {
		const u = await person('prune@example.org', 'operator');
		const live = await createSession(db, u.id);
		const ended = await createSession(db, u.id);
		const old = await createSession(db, u.id);
		await db.query(`update session set expires_at = now() - interval '1 minute' where id = $1`, [
			ended.session.id
		]);
		await db.query(`update session set created_at = now() - interval '31 days' where id = $1`, [
			old.session.id
		]);
		await recordFailure(db, { address: '192.0.2.1' });
		await recordFailure(db, { address: '192.0.2.2' });
		await db.query(
			`update sign_in_throttle set last_failure_at = now() - interval '2 hours' where key = '192.0.2.1'`
		);
		const deleted = await pruneAuth(db, 30);
		expect(deleted.session).toBeGreaterThanOrEqual(2);
		const left = await db.query<{ id: string }>('select id from session where user_id = $1', [
			u.id
		]);
		expect(left.map((r) => r.id)).toEqual([live.session.id]);
		const keys = await db.query<{ key: string }>(
			`select key from sign_in_throttle where key like '192.0.2.%'`
		);
		expect(keys.map((r) => r.key)).toEqual(['192.0.2.2']);
	});
});
