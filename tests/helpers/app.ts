import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from './ports';
import { bearer, NO_PRINCIPALS, seedPrincipals, type Principals } from './principals';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface RunningApp {
	url: string;
	port: number;
	proc: ChildProcess;
	output(): string;
	/** The users and tokens seeded into its database (tests/helpers/principals.ts). */
	auth: Principals;
	/** fetch on a path of the app, as an API client (the bearer token), unless headers say else. */
	fetch(path: string, init?: RequestInit): Promise<Response>;
	/** GET a path as an API client and parse the JSON; throws on an error status. */
	getJson<T>(path: string): Promise<T>;
	/** Sends a signal and waits for the process to exit. */
	kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Seeds a user per role and a display and an API token into the database (before the app opens
 * it), then runs the built server (`node build/index.js`, what `npm start` runs) with the given env and
 * waits until /api/health answers 200. `npm test` builds first when the build is stale.
 */
export async function startApp(
	env: Record<string, string>,
	opts: { entry?: string; healthTimeoutMs?: number; port?: number; principals?: boolean } = {}
): Promise<RunningApp> {
	// Without principals: an empty user table, as on a first start.
	const auth = opts.principals === false ? NO_PRINCIPALS : await seedPrincipals(env);
	const port = opts.port ?? (await freePort());
	const proc = spawn(process.execPath, [opts.entry ?? join(ROOT, 'build', 'index.js')], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			LOG_LEVEL: 'warn',
			EOC_SEED: 'none',
			BODY_SIZE_LIMIT: '33M', // as `npm start` sets it (scripts/start.js)
			...env,
			PORT: String(port)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const keep = (b: Buffer) => {
		out += b.toString();
		if (out.length > 200_000) out = out.slice(-100_000);
	};
	proc.stdout?.on('data', keep);
	proc.stderr?.on('data', keep);
	const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
	const url = `http://127.0.0.1:${port}`;
	const app: RunningApp = {
		url,
		port,
		proc,
		output: () => out,
		auth,
		fetch: (path, init = {}) =>
			fetch(url + path, { ...init, headers: { ...bearer(auth), ...(init.headers ?? {}) } }),
		getJson: (path) => getJson(url + path, bearer(auth)),
		kill: async (signal = 'SIGTERM') => {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
			return exited;
		}
	};
	try {
		await waitFor(
			'the app to be healthy',
			async () => {
				if (proc.exitCode !== null) throw new Error(`app exited ${proc.exitCode}:\n${out}`);
				const r = await fetch(`${url}/api/health`);
				return r.status === 200;
			},
			opts.healthTimeoutMs ?? 60_000,
			200
		);
	} catch (e) {
		await app.kill('SIGKILL');
		throw new Error(`${(e as Error).message}\n--- app output ---\n${out.slice(-4000)}`, {
			cause: e
		});
	}
	return app;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
	const r = await fetch(url, { headers });
	if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${await r.text()}`);
	return (await r.json()) as T;
}
