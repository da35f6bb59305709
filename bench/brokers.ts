// Brokers the bench starts besides tests/helpers/mosquitto.ts: the embedded broker (aedes) in a
// process of its own, and Mosquitto with a candidate configuration (--mosquitto-conf).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { ROOT } from '../tests/helpers/app';
import { freePort, waitFor } from '../tests/helpers/ports';
import { onCleanup, withTimeout } from './util';

export interface Broker {
	url: string;
	pid: number;
	stop(): Promise<void>;
}

/** The embedded broker (aedes) alone in its own process, as tests/kill.test.ts runs it. */
export async function startAedesProcess(): Promise<Broker> {
	const port = await freePort();
	const script = join(ROOT, 'tests', 'helpers', 'broker-process.ts');
	const proc = spawn(process.execPath, ['--import', 'tsx', script, String(port)], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise((r) => proc.once('exit', r));
	const stop = onCleanup('aedes broker process', async () => {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
		await withTimeout('aedes to exit', exited, 5000).catch(() => proc.kill('SIGKILL'));
	});
	await withTimeout(
		'the aedes broker process to start',
		new Promise<void>((resolve, reject) => {
			proc.stdout?.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
			proc.once('exit', (c) => reject(new Error(`aedes broker process exited ${c}`)));
		}),
		30_000
	);
	return { url: `mqtt://127.0.0.1:${port}`, pid: proc.pid ?? 0, stop };
}

/**
 * Mosquitto with another configuration file, rewritten as tests/helpers/mosquitto.ts rewrites the
 * production one (listener on a free port, persistence in a temporary directory).
 */
export async function startMosquittoWith(confFile: string): Promise<Broker> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-mosq-'));
	chmodSync(dir, 0o777); // mosquitto started as root drops to its own user
	const removeDir = onCleanup(`mosquitto dir ${dir}`, () =>
		rm(dir, { recursive: true, force: true })
	);
	const conf = readFileSync(resolve(confFile), 'utf8')
		.replace(/^listener .*$/m, `listener ${port} 127.0.0.1`)
		.replace(/^persistence_location .*$/m, `persistence_location ${dir}/`);
	writeFileSync(join(dir, 'mosquitto.conf'), conf);
	const proc: ChildProcess = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], {
		stdio: 'ignore'
	});
	const exited = new Promise((r) => proc.once('exit', r));
	const stopProc = onCleanup('mosquitto (candidate config)', async () => {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
		await withTimeout('mosquitto to exit', exited, 5000).catch(() => proc.kill('SIGKILL'));
	});
	const url = `mqtt://127.0.0.1:${port}`;
	await waitFor('mosquitto to accept connections', async () => {
		if (proc.exitCode !== null) throw new Error(`mosquitto exited ${proc.exitCode}`);
		const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 2000 });
		await new Promise<void>((res, rej) => {
			c.once('connect', () => res());
			c.once('error', rej);
		}).finally(() => c.end(true));
		return true;
	});
	return {
		url,
		pid: proc.pid ?? 0,
		stop: async () => {
			await stopProc();
			await removeDir();
		}
	};
}
