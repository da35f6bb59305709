import { chmodSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { UserExistsError } from '../auth/users';
import type { Database } from '../db';
import type { Logger } from '../ops/log';
import { addUserAudited, userAddRequest } from './user-add';

/**
 * The running server's door for the command-line tools on the embedded database (PGlite allows
 * one process, so `npm run user:add` cannot open it while the server runs): HTTP over a Unix
 * domain socket next to PGlite's pid file, mode 0600. Only this machine can reach a Unix socket,
 * and only the account that runs the server (and root) may connect to it: the same people who
 * could read the database files. No token is needed, so there is no secret to leak or rotate.
 */
export function adminSocketPath(pgliteDir: string): string {
	return join(resolve(pgliteDir), 'eocwall-admin.sock');
}

/** Linux allows 107 bytes in a socket path; longer ones cannot be bound. */
const MAX_PATH = 100;
const MAX_BODY = 16 * 1024;

/** Starts the socket; returns its stop. A socket that cannot start is logged, not fatal. */
export async function startAdminSocket(
	db: Database,
	pgliteDir: string,
	log: Logger,
	oneTimeHours: number
): Promise<() => Promise<void>> {
	const path = adminSocketPath(pgliteDir);
	if (Buffer.byteLength(path) > MAX_PATH) {
		log.warn(
			{ path },
			'PGLITE_DIR path too long for the admin socket: user:add needs the server stopped'
		);
		return async () => {};
	}
	// This process holds PGlite's pid lock, so a socket file left here is a dead one's.
	rmSync(path, { force: true });
	const server = createServer((req, res) => {
		handle(db, log, oneTimeHours, req, res).catch((err: unknown) => {
			log.error({ err }, 'admin socket request failed');
			answer(res, 500, { error: 'the server could not add the user; see its log' });
		});
	});
	// Created 0600 from the start (bind happens inside listen), not opened up and then narrowed.
	const mask = process.umask(0o177);
	try {
		await new Promise<void>((ok, fail) => {
			server.once('error', fail);
			server.listen(path, () => ok());
		});
		chmodSync(path, 0o600);
	} catch (err) {
		log.warn({ err, path }, 'admin socket not started: user:add needs the server stopped');
		return async () => {};
	} finally {
		process.umask(mask);
	}
	log.info({ path }, 'admin socket for npm run user:add');
	return async () => {
		await new Promise<void>((r) => server.close(() => r()));
		rmSync(path, { force: true });
	};
}

async function handle(
	db: Database,
	log: Logger,
	oneTimeHours: number,
	req: IncomingMessage,
	res: ServerResponse
) {
	if (req.method !== 'POST' || req.url !== '/v1/user-add')
		return answer(res, 404, { error: 'unknown request' });
	let body = '';
	for await (const chunk of req) {
		body += String(chunk);
		if (body.length > MAX_BODY) return answer(res, 413, { error: 'request too large' });
	}
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return answer(res, 400, { error: 'the request is not JSON' });
	}
	const parsed = userAddRequest.safeParse(json);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
		return answer(res, 400, { error: problems.join('; ').replace(/_/g, ' ') });
	}
	const { password, ...user } = parsed.data;
	try {
		const result = await addUserAudited(db, user, password, 'admin socket', oneTimeHours);
		log.info({ email: result.email, role: result.role }, 'user added through the admin socket');
		return answer(res, 200, result);
	} catch (e) {
		if (e instanceof UserExistsError) return answer(res, 409, { error: e.message });
		throw e;
	}
}

function answer(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}
