import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '../src/lib/server/auth/session';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase, type Database } from '../src/lib/server/db';
import { ROOT } from './helpers/app';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';

/** Sessions after the Lucia design, on the database itself: expiry, sliding renewal, revocation. */
describe(`sessions, on ${BACKEND}`, () => {
	let t: TestDatabase;
	let db: Database;
	let userId: string;
	const ageSession = (id: string, msLeft: number) =>
		db.query('update session set expires_at = $2 where id = $1', [
			id,
			new Date(Date.now() + msLeft).toISOString()
		]);

	beforeAll(async () => {
		t = await freshDatabase();
		db = await openDatabase({
			DATABASE_URL: t.env.DATABASE_URL,
			PGLITE_DIR: t.env.PGLITE_DIR ?? ''
		});
		await db.migrate(join(ROOT, 'drizzle'));
		userId = (
			await createUser(
				db,
				{ email: 's@example.org', name: 'S', role: 'viewer' },
				'session test pw 1'
			)
		).user.id;
	});
	afterAll(async () => {
		await db?.close();
		await t?.drop();
	});

	it('stores only the SHA-256 of the token, and finds the user by the token', async () => {
		const { token, session } = await createSession(db, userId);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const rows = await db.query<{ id: string }>('select id from session where user_id = $1', [
			userId
		]);
		expect(rows.map((r) => r.id)).toContain(session.id);
		expect(rows.map((r) => r.id)).not.toContain(token);
		const v = await validateSessionToken(db, token);
		expect(v?.user).toMatchObject({ kind: 'user', email: 's@example.org', role: 'viewer' });
		expect(await validateSessionToken(db, 'a'.repeat(32))).toBeNull();
		expect(await validateSessionToken(db, 'not a token')).toBeNull();
	});

	it('expires: a session past its time is refused and deleted', async () => {
		const { token, session } = await createSession(db, userId);
		await ageSession(session.id, -1000);
		expect(await validateSessionToken(db, token)).toBeNull();
		const left = await db.query('select 1 from session where id = $1', [session.id]);
		expect(left).toHaveLength(0);
	});

	it('slides: used in the second half of its life, it is renewed for a full lifetime', async () => {
		const { token, session } = await createSession(db, userId);
		await ageSession(session.id, 60_000); // one minute left
		const v = await validateSessionToken(db, token);
		expect(v).not.toBeNull();
		expect(v!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME_MS - 60_000
		);
		const [row] = await db.query<{ expires_at: Date | string }>(
			'select expires_at from session where id = $1',
			[session.id]
		);
		expect(new Date(row.expires_at).getTime()).toBe(v!.session.expiresAt.getTime());
	});

	it('ends every session of a user but the one kept, and all of a disabled user', async () => {
		const a = await createSession(db, userId);
		const b = await createSession(db, userId);
		await invalidateUserSessions(db, userId, a.session.id);
		expect(await validateSessionToken(db, a.token)).not.toBeNull();
		expect(await validateSessionToken(db, b.token)).toBeNull();
		await db.query('update user_account set disabled_at = now() where id = $1', [userId]);
		expect(await validateSessionToken(db, a.token)).toBeNull();
	});
});
