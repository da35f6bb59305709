import type { BrowserContextOptions } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createAccessToken } from '../../src/lib/server/auth/tokens';
import { ROLES, type Role } from '../../src/lib/server/auth/roles';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase } from '../../src/lib/server/db';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Who the tests can be: a person of each role (with a password), a wall kiosk, an integration. */
export interface Principals {
	users: Record<Role, { email: string; password: string }>;
	/** A display token (the kiosk cookie `eocwall_display`). */
	display: string;
	/** An API token (`Authorization: Bearer …`). */
	api: string;
}

// Promises, so that two apps started at once on one database seed it once.
const seeded = new Map<string, Promise<Principals>>();

/** For an app started on an empty user table: credentials that match nothing. */
export const NO_PRINCIPALS: Principals = {
	users: Object.fromEntries(
		ROLES.map((r) => [r, { email: `${r}@nobody.example`, password: 'x' }])
	) as Principals['users'],
	display: 'eoc_d_none',
	api: 'eoc_a_none'
};

/**
 * Creates one user per role and a display and an API token in the app's database, through the
 * app's own functions, before the app opens it (PGlite allows one process). Once per database:
 * a restart on the same database gets the same principals.
 */
export function seedPrincipals(env: Record<string, string>): Promise<Principals> {
	const key = env.DATABASE_URL ?? env.PGLITE_DIR ?? '';
	let p = seeded.get(key);
	if (!p) seeded.set(key, (p = seed(env)));
	return p;
}

async function seed(env: Record<string, string>): Promise<Principals> {
	const db = await openDatabase({
		DATABASE_URL: env.DATABASE_URL,
		PGLITE_DIR: env.PGLITE_DIR ?? './data/pglite'
	});
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		const users = {} as Principals['users'];
		for (const role of ROLES) {
			const email = `${role}@test.example.org`;
			const password = `pw-${role}-${randomBytes(8).toString('hex')}`;
			await createUser(db, { email, name: `Test ${role}`, role }, password);
			users[role] = { email, password };
		}
		const display = (await createAccessToken(db, 'display', 'test wall', 'tests')).token;
		const api = (await createAccessToken(db, 'api', 'test client', 'tests')).token;
		return { users, display, api };
	} finally {
		await db.close();
	}
}

/** Headers that carry the API token. */
export function bearer(p: Principals): Record<string, string> {
	return { authorization: `Bearer ${p.api}` };
}

/** Browser storage holding a display token for the app, as a kiosk that was paired at /display. */
export function displayState(app: {
	url: string;
	auth: Principals;
}): BrowserContextOptions['storageState'] {
	const { hostname } = new URL(app.url);
	return {
		cookies: [
			{
				name: 'eocwall_display',
				value: app.auth.display,
				domain: hostname,
				path: '/',
				expires: -1,
				httpOnly: true,
				secure: false,
				sameSite: 'Lax'
			}
		],
		origins: []
	};
}
