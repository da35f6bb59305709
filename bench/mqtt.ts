// The MQTT side of the benchmark: a pool of publisher connections, the generated messages, and
// the null subscriber (a client that only counts) that gives the broker's own ceiling.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { topics } from '../src/lib/contracts';
import { ROOT } from '../tests/helpers/app';
import { onCleanup, withTimeout } from './util';

export interface Message {
	topic: string;
	payload: Buffer;
}

function connectClient(url: string, opts: IClientOptions): Promise<MqttClient> {
	const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 10_000, ...opts });
	return withTimeout(
		`connecting to ${url}`,
		new Promise<MqttClient>((resolve, reject) => {
			client.once('connect', () => resolve(client));
			client.once('error', reject);
		}),
		15_000
	).catch((e) => {
		client.end(true);
		throw e;
	});
}

const endClient = (c: MqttClient) =>
	withTimeout(
		'an MQTT client to close',
		new Promise<void>((r) => c.end(false, {}, () => r())),
		5000
	)
		// A client whose acks never came back is dropped rather than waited for.
		.catch(() => void c.end(true));

/**
 * Several publisher connections: one mqtt.js client tops out near 2–3k QoS 1 msg/s when each
 * publish waits for its PUBACK, so each keeps a window of publishes in flight.
 */
export class Publishers {
	#next = 0;
	private constructor(readonly clients: MqttClient[]) {}

	static async connect(url: string, count: number): Promise<Publishers> {
		const clients: MqttClient[] = [];
		const pubs = new Publishers(clients);
		const close = onCleanup('publishers', () => Promise.all(clients.map(endClient)));
		pubs.close = close;
		for (let i = 0; i < count; i++) {
			const id = `bench-pub-${i}-${randomBytes(3).toString('hex')}`;
			clients.push(await connectClient(url, { clientId: id, clean: true }));
		}
		return pubs;
	}

	close: () => Promise<void> = async () => {};

	/**
	 * Publishes every message at QoS 1, as fast as the broker acknowledges them: message i goes on
	 * client i mod count, each client with `window` unacknowledged publishes in flight.
	 */
	blast(
		messages: readonly Message[],
		window: number,
		onAck?: () => void,
		onStart?: () => void
	): Promise<void> {
		const k = this.clients.length;
		const shares = this.clients.map((_, c) => messages.filter((_, i) => i % k === c));
		onStart?.();
		return Promise.all(
			this.clients.map((client, c) => pump(client, shares[c], window, onAck))
		).then(() => {});
	}

	/** One QoS 1 publish on the next client, not waited for (the callback gets the PUBACK). */
	publish(m: Message, onAck?: (err?: Error) => void): void {
		const client = this.clients[this.#next++ % this.clients.length];
		client.publish(m.topic, m.payload, { qos: 1 }, (err) => onAck?.(err));
	}
}

function pump(
	client: MqttClient,
	list: readonly Message[],
	window: number,
	onAck?: () => void
): Promise<void> {
	return new Promise((resolve, reject) => {
		if (list.length === 0) return resolve();
		let next = 0;
		let acked = 0;
		const send = () => {
			const m = list[next++];
			client.publish(m.topic, m.payload, { qos: 1 }, (err) => {
				if (err) return reject(err);
				acked++;
				onAck?.();
				if (next < list.length) send();
				else if (acked === list.length) resolve();
			});
		};
		for (let i = 0; i < Math.min(window, list.length); i++) send();
	});
}

/**
 * `n` sensor readings over `sensors` sensor ids, msgIds `${batch}-${i}` (unique per batch name),
 * about 200 bytes of JSON (`site` is padding: the contract ignores unknown fields).
 */
export function sensorReadings(
	n: number,
	sensors: number,
	runId: string,
	batch: string
): Message[] {
	const ts = Date.now();
	const out: Message[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const sensorId = `bench-${runId}-s${String(i % sensors).padStart(2, '0')}`;
		const payload = {
			msgId: `${batch}-${i}`,
			ts: new Date(ts + i).toISOString(),
			kind: 'water_level_cm',
			value: Math.round(15000 + 3000 * Math.sin(i / 500)) / 100,
			unit: 'cm',
			site: `Yakhsu river gauge ${i % sensors} at the Kulob bridge, Khatlon region, bench ${runId}`
		};
		out[i] = {
			topic: topics.sensorReading(sensorId),
			payload: Buffer.from(JSON.stringify(payload))
		};
	}
	return out;
}

/** The null subscriber process (bench/null-subscriber.ts) and what it last reported. */
export class NullSubscriber {
	count = 0;
	/** Epoch ms (performance.timeOrigin + performance.now()) of the last message received. */
	lastAt = 0;
	#waiter: (() => void) | null = null;
	private constructor(readonly proc: ChildProcess) {
		proc.on('message', (m: { count?: number; lastAt?: number; ready?: true; reset?: true }) => {
			if (m.count !== undefined && m.lastAt !== undefined)
				[this.count, this.lastAt] = [m.count, m.lastAt];
			if (m.ready || m.reset) this.#waiter?.();
		});
	}

	#reply(what: string): Promise<void> {
		return withTimeout(
			what,
			new Promise<void>((resolve, reject) => {
				this.#waiter = resolve;
				this.proc.once('exit', (c) => reject(new Error(`null subscriber exited ${c}`)));
			}),
			30_000
		);
	}

	static async start(url: string): Promise<NullSubscriber> {
		const script = join(ROOT, 'bench', 'null-subscriber.ts');
		const proc = spawn(process.execPath, ['--import', 'tsx', script, url], {
			cwd: ROOT,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		const exited = new Promise((r) => proc.once('exit', r));
		const sub = new NullSubscriber(proc);
		sub.close = onCleanup('null subscriber', async () => {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
			await withTimeout('the null subscriber to exit', exited, 5000).catch(() =>
				proc.kill('SIGKILL')
			);
		});
		await sub.#reply('the null subscriber to subscribe');
		return sub;
	}

	/** Resets the count; the subscriber reports at once when it reaches `n`. */
	async expect(n: number): Promise<void> {
		const reset = this.#reply('the null subscriber to reset');
		this.proc.send({ expect: n });
		await reset;
		[this.count, this.lastAt] = [0, 0];
	}

	close: () => Promise<void> = async () => {};
}
