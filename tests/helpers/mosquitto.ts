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
	const proc: ChildProcess = spawn('mosquitto', ['-c', file], { stdio: 'ignore' });
	const url = `mqtt://127.0.0.1:${port}`;
	await waitFor('mosquitto to accept connections', async () => {
		if (proc.exitCode !== null) throw new Error(`mosquitto exited ${proc.exitCode}`);
		const c = await connect(url);
		await end(c);
		return true;
	});
	return {
		url,
		port,
		stop: async () => {
			if (proc.exitCode === null) {
				const gone = new Promise((r) => proc.once('exit', r));
				proc.kill('SIGTERM');
				await gone;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
