import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './app';
import { REAL } from './backend';
import { startMosquitto } from './mosquitto';
import { freePort } from './ports';

export interface Broker {
	url: string;
	/** Stops the broker, keeping what it persists, until restart(). */
	halt(): Promise<void>;
	/** Stops the broker (if running) and starts it again on the same port. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A broker in its own process, which outlives the app under test: on the real backend our own
 * Mosquitto with the production config (sessions persisted across its restart), on the embedded
 * backend the embedded aedes broker alone (sessions in memory: a restart forgets them).
 */
export async function startBroker(): Promise<Broker> {
	if (REAL) return startMosquitto();
	const port = await freePort();
	let proc: ChildProcess | null = null;
	const up = async () => {
		const p = spawn(
			process.execPath,
			['--import', 'tsx', join(ROOT, 'tests', 'helpers', 'broker-process.ts'), String(port)],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
		);
		proc = p;
		await new Promise<void>((resolve, reject) => {
			p.stdout?.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
			p.once('exit', (c) => reject(new Error(`broker exited ${c}`)));
		});
	};
	const down = async () => {
		const p = proc;
		if (p && p.exitCode === null) {
			const gone = new Promise((r) => p.once('exit', r));
			p.kill('SIGTERM');
			await gone;
		}
	};
	await up();
	return {
		url: `mqtt://127.0.0.1:${port}`,
		halt: down,
		restart: async () => {
			await down();
			await up();
		},
		stop: down
	};
}
