import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './app';
import { freePort, waitFor } from './ports';
import { connect, end } from './mqtt';

export interface Mosquitto {
	url: string;
	port: number;
	/** The config's websockets listener (what the proxy's /mqtt route reaches). */
	wsUrl: string;
	/** Stops the broker but keeps its persistence directory, for restart(). */
	halt(): Promise<void>;
	/** Starts it again on the same port with the same persisted sessions. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A throw-away Mosquitto started with the production config from docs/ (listeners and persistence
 * directory rewritten), for tests that need more than the machine's Mosquitto with Debian's
 * defaults keeps (1000 queued, 20 in flight), and so that the documented config is proven.
 *
 * With `accounts` (username → password) it keeps the config's authentication: a password file
 * made with mosquitto_passwd and the ACL docs/mosquitto/eocwall.acl; nobody connects without an
 * account; `acl` edits that file's text the way an EOC edits its copy (a tracker's block
 * uncommented, a team's resources added). Without accounts, anonymous clients are let in (the
 * config's auth lines are taken out).
 */
export async function startMosquitto(
	opts: { accounts?: Record<string, string>; acl?: (text: string) => string } = {}
): Promise<Mosquitto> {
	const port = await freePort();
	const wsPort = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-mosq-'));
	chmodSync(dir, 0o777); // mosquitto started as root drops to its own user
	const shipped = readFileSync(join(ROOT, 'docs', 'mosquitto', 'eocwall.conf'), 'utf8');
	// The first listener is MQTT over TCP; the one followed by `protocol websockets`, WebSocket.
	if (!/^listener 9001 .*\nprotocol websockets$/m.test(shipped))
		throw new Error('eocwall.conf: expected `listener 9001 …` followed by `protocol websockets`');
	let conf = shipped
		.replace(/^listener 9001 .*$/m, `listener ${wsPort} 127.0.0.1`)
		.replace(/^listener 1883 .*$/m, `listener ${port} 127.0.0.1`)
		.replace(/^persistence_location .*$/m, `persistence_location ${dir}/`);
	const accounts = Object.entries(opts.accounts ?? {});
	if (accounts.length) {
		const passwd = join(dir, 'passwd');
		writeFileSync(passwd, '');
		for (const [user, password] of accounts)
			execFileSync('mosquitto_passwd', ['-b', passwd, user, password], { stdio: 'pipe' });
		const acl = join(dir, 'acl');
		const shipped = join(ROOT, 'docs', 'mosquitto', 'eocwall.acl');
		if (opts.acl) writeFileSync(acl, opts.acl(readFileSync(shipped, 'utf8')));
		else copyFileSync(shipped, acl);
		conf = conf
			.replace(/^password_file .*$/m, `password_file ${passwd}`)
			.replace(/^acl_file .*$/m, `acl_file ${acl}`);
	} else {
		conf = conf
			.replace(/^allow_anonymous .*$/m, 'allow_anonymous true')
			.replace(/^(password_file|acl_file) .*$/gm, '');
	}
	const file = join(dir, 'mosquitto.conf');
	writeFileSync(file, conf);
	const url = `mqtt://127.0.0.1:${port}`;
	const [probeUser, probePassword] = accounts[0] ?? [];
	let proc: ChildProcess | null = null;
	const up = async () => {
		const p = spawn('mosquitto', ['-c', file], { stdio: 'ignore' });
		proc = p;
		await waitFor('mosquitto to accept connections', async () => {
			if (p.exitCode !== null) throw new Error(`mosquitto exited ${p.exitCode}`);
			const c = await connect(url, undefined, {
				username: probeUser,
				password: probePassword,
				reconnectPeriod: 0
			});
			await end(c);
			return true;
		});
	};
	const halt = async () => {
		const p = proc;
		if (p && p.exitCode === null) {
			const gone = new Promise((r) => p.once('exit', r));
			p.kill('SIGTERM'); // saves persistence on the way out
			await gone;
		}
	};
	await up();
	return {
		url,
		port,
		wsUrl: `ws://127.0.0.1:${wsPort}/mqtt`,
		halt,
		restart: async () => {
			await halt();
			await up();
		},
		stop: async () => {
			await halt();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
