/**
 * Add a user to the database the app uses (DATABASE_URL, else the embedded PGlite in PGLITE_DIR:
 * stop the app first, PGlite allows one process).
 *
 *   npm run user:add -- --email ops@example.org --name "Duty Officer" --role admin
 *
 * Prints a one-time password that must be changed at the first sign-in, within
 * ONE_TIME_PASSWORD_HOURS (24). With --password-stdin the password is read from standard input
 * instead (for automation) and is kept. Exit code 0 on
 * success, 1 on bad arguments, an existing email or a database that cannot be opened.
 */
import { parseArgs } from 'node:util';
import { audit } from '../src/lib/server/auth/audit';
import { newPasswordSchema } from '../src/lib/server/auth/password';
import { ROLES } from '../src/lib/server/auth/roles';
import { createUser, newUserSchema, UserExistsError } from '../src/lib/server/auth/users';
import { loadConfig } from '../src/lib/server/config';
import { fail, openAppDatabase, run } from './cli';

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

	const db = await openAppDatabase();
	try {
		const oneTimeHours = loadConfig().ONE_TIME_PASSWORD_HOURS; // valid: openAppDatabase loaded it
		const r = await createUser(db, parsed.data, password, { oneTimeHours });
		await audit(db, {
			actor: 'cli',
			action: 'user-add',
			target: r.user.email,
			detail: { role: r.user.role }
		});
		console.log(`added ${r.user.email} (${r.user.name}), role ${r.user.role}`);
		if (r.oneTime)
			console.log(
				`one-time password: ${r.password}\n(shown only now; it must be changed at the first sign-in,` +
					` within ${oneTimeHours} hours)`
			);
	} catch (e) {
		if (e instanceof UserExistsError) fail([e.message]);
		throw e;
	} finally {
		await db.close();
	}
}

run(main);
