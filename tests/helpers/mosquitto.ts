import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './app';
import { freePort, waitFor } from './ports';
import { connect, end } from './mqtt';

export interface Mosquitto {
	url: string;
	port: number;
	/** Stops the broker but keeps its persistence directory, for restart(). */
	halt(): Promise<void>;
	/** Starts it again on the same port with the same persisted sessions. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A throw-away Mosquitto started with the production config from docs/ (listener and persistence
 * directory rewritten), for tests that need more than the machine's Mosquitto with Debian's
 * defaults keeps (1000 queued, 20 in flight), and so that the documented config is proven.
 */
export async function startMosquitto(): Promise<Mosquitto> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-mosq-'));
	chmodSync(dir, 0o777); // mosquitto started as root drops to its own user
	const conf = readFileSync(join(ROOT, 'docs', 'mosquitto', 'eocwall.conf'), 'utf8')
		.replace(/^listener .*$/m, `listener ${port} 127.0.0.1`)
		.replace(/^persistence_location .*$/m, `persistence_location ${dir}/`);
	const file = join(dir, 'mosquitto.conf');
	writeFileSync(file, conf);
	const url = `mqtt://127.0.0.1:${port}`;
	let proc: ChildProcess | null = null;
	const up = async () => {
		const p = spawn('mosquitto', ['-c', file], { stdio: 'ignore' });
		proc = p;
		await waitFor('mosquitto to accept connections', async () => {
			if (p.exitCode !== null) throw new Error(`mosquitto exited ${p.exitCode}`);
			const c = await connect(url);
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
