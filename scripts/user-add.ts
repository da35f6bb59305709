/**
 * Add a user to the database the app uses: DATABASE_URL directly; else the embedded PGlite in
 * PGLITE_DIR, through the running server's admin socket when it runs (PGlite allows one process;
 * src/lib/server/admin-socket/), directly when it does not.
 *
 *   npm run user:add -- --email ops@example.org --name "Duty Officer" --role admin
 *
 * Prints a one-time password that must be changed at the first sign-in, within
 * ONE_TIME_PASSWORD_HOURS (24). With --password-stdin the password is read from standard input
 * instead (for automation) and is kept. Exit code 0 on
 * success, 1 on bad arguments, an existing email or a database that cannot be opened.
 */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { userAddThroughServer } from '../src/lib/server/admin-socket/client';
import { adminSocketPath } from '../src/lib/server/admin-socket/server';
import { addUserAudited, type UserAddResult } from '../src/lib/server/admin-socket/user-add';
import { newPasswordSchema } from '../src/lib/server/auth/password';
import { ROLES } from '../src/lib/server/auth/roles';
import { newUserSchema, UserExistsError } from '../src/lib/server/auth/users';
import { appConfig, fail, openAppDatabase, run } from './cli';

const USAGE = `usage: npm run user:add -- --email EMAIL --role ${ROLES.join('|')} [--name "NAME"] [--password-stdin]`;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of process.stdin) chunks.push(c as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

async function main() {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				email: { type: 'string' },
				name: { type: 'string' },
				role: { type: 'string' },
				'password-stdin': { type: 'boolean' },
				help: { type: 'boolean' }
			}
		}));
	} catch (e) {
		fail([(e as Error).message, USAGE]);
	}
	if (values.help) return console.log(USAGE);
	const input = {
		email: values.email ?? '',
		name: values.name ?? (values.email ?? '').split('@')[0],
		role: values.role ?? ''
	};
	const parsed = newUserSchema.safeParse(input);
	if (!parsed.success)
		fail([
			...parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message.replace(/_/g, ' ')}`),
			USAGE
		]);
	let password: string | undefined;
	if (values['password-stdin']) {
		password = await readStdin();
		const ok = newPasswordSchema.safeParse(password);
		if (!ok.success)
			fail([`the password from stdin: ${ok.error.issues[0].message.replace(/_/g, ' ')}`]);
	}

	const result =
		(await throughServer(parsed.data, password)) ?? (await direct(parsed.data, password));
	console.log(`added ${result.email} (${result.name}), role ${result.role}`);
	if (result.oneTimePassword)
		console.log(
			`one-time password: ${result.oneTimePassword}\n(shown only now; it must be changed at the first sign-in,` +
				` within ${appConfig().ONE_TIME_PASSWORD_HOURS} hours)`
		);
}

/** On PGlite, the running server adds the user; null when no server runs on PGLITE_DIR. */
async function throughServer(
	user: z.output<typeof newUserSchema>,
	password: string | undefined
): Promise<UserAddResult | null> {
	const config = appConfig();
	if (config.DATABASE_URL) return null; // PostgreSQL takes many processes: write directly
	const socket = adminSocketPath(config.PGLITE_DIR);
	const answer = await userAddThroughServer(socket, { ...user, password }).catch((e: Error) =>
		fail([
			`cannot reach the running eocwall server at ${socket}: ${e.message}`,
			'Run this command as the user that runs the server, or stop the server, run it, and start the server again.'
		])
	);
	if (answer.kind === 'no-server') return null;
	if (answer.kind === 'refused') fail([`the running server refused: ${answer.error}`]);
	return answer.result;
}

async function direct(
	user: z.output<typeof newUserSchema>,
	password: string | undefined
): Promise<UserAddResult> {
	const db = await openAppDatabase();
	try {
		return await addUserAudited(db, user, password, 'cli', appConfig().ONE_TIME_PASSWORD_HOURS);
	} catch (e) {
		if (e instanceof UserExistsError) fail([e.message]);
		throw e;
	} finally {
		await db.close();
	}
}

run(main);
