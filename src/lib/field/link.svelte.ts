/**
 * The phone's link to the EOC: MQTT over WebSocket on the app's own origin with the device
 * credential, QoS 1. It sends the queue in order, one message at a time, and a message leaves the
 * queue only on its PUBACK (which the EOC sends after storing it, or after recording why it was
 * refused); a message whose PUBACK was lost is sent again and the EOC's dedup keeps it once.
 *
 * mqtt.js is most of the app's weight (about 90 KB compressed), so it is loaded when the link
 * first connects, after pairing: a phone's first load is the pairing screen without it
 * (docs/benchmarks.md, `/field` over the wire). The service worker keeps it like the rest.
 */
const loadMqtt = () => import('mqtt').then((m) => m.default);
import type { MqttClient } from 'mqtt';
import { getKv, setKv, type FieldCredential, type Outgoing, type Refusal } from './db';
import { readRefusal, readTasking, type Tasking } from './incoming';
import { fieldTopics } from './messages';
import {
	enqueue,
	markSent,
	oldest,
	recordRefusal,
	refusals,
	waiting,
	waitingCount
} from './outbox';

/** idle: not started; connecting: the first attempt; online; offline: no network, or the EOC
 *  cannot be reached; refused: the broker refused the credential (revoked). */
export type LinkState = 'idle' | 'connecting' | 'online' | 'offline' | 'refused';

// CONNACK return codes [MQTT-3.2.2.3]: bad username or password, not authorized.
const CREDENTIAL_REFUSED = new Set([4, 5]);
const CONTACT_SAVE_MS = 5_000;
const RETRY_LOAD_MS = 15_000;
const PUBACK_WAIT_MS = 30_000;

export interface Answer {
	answer: 'accepted' | 'declined';
	reason?: string;
	at: number;
}

export class FieldLink {
	state = $state<LinkState>('idle');
	/** How many messages wait, and the oldest of them (the Outbox tab's list). */
	waiting = $state(0);
	queue = $state<Outgoing[]>([]);
	refused = $state<Refusal[]>([]);
	/** When the team last looked at the refusals (the Outbox tab): newer ones are marked. */
	refusalsSeenAt = $state(0);
	lastContact = $state<number | null>(null);
	tasking = $state<Tasking | null>(null);
	answer = $state<Answer | null>(null);

	#client: MqttClient | null = null;
	#pumping = false;
	#again = false;
	/** Gives up on the message in flight (the link was dropped). */
	#abort: (() => void) | null = null;
	#contactSaved = 0;
	#stopped = false;
	#loading = false;
	readonly #onOnline = () => this.#connect();
	readonly #onOffline = () => this.#drop('offline');

	constructor(readonly credential: FieldCredential) {}

	async start(): Promise<void> {
		this.lastContact = (await getKv<number>('lastContact')) ?? null;
		this.tasking = (await getKv<Tasking>('tasking')) ?? null;
		if (this.tasking) this.answer = (await getKv<Answer>(`answer:${this.tasking.msgId}`)) ?? null;
		await this.#refresh();
		this.refused = await refusals();
		this.refusalsSeenAt = (await getKv<number>('refusalsSeenAt')) ?? 0;
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		if (navigator.onLine) this.#connect();
		else this.state = 'offline';
	}

	stop(): void {
		this.#stopped = true;
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		this.#drop('idle');
	}

	/**
	 * Queues a message (it survives a restart) and sends it when the link allows. False when the
	 * phone could not store it (its storage full or refused): the caller tells the team.
	 */
	async send(item: Omit<Outgoing, 'seq'>): Promise<boolean> {
		try {
			await enqueue(item);
		} catch {
			return false;
		}
		await this.#refresh().catch(() => undefined);
		void this.#pump();
		return true;
	}

	/** The team has seen the refusals listed now. */
	seenRefusals(): void {
		this.refusalsSeenAt = Math.max(Date.now(), ...this.refused.map((r) => r.at));
		void setKv('refusalsSeenAt', this.refusalsSeenAt).catch(() => undefined);
	}

	/** Remembers the team's answer to the current tasking, so the card shows it after a restart. */
	async answered(a: Answer): Promise<void> {
		if (!this.tasking) return;
		this.answer = a;
		await setKv(`answer:${this.tasking.msgId}`, a);
	}

	#connect(): void {
		if (this.#stopped || this.#client || this.#loading || this.state === 'refused') return;
		this.state = 'connecting';
		this.#loading = true;
		loadMqtt().then(
			(mqtt) => {
				this.#loading = false;
				if (!this.#stopped && navigator.onLine) this.#open(mqtt);
				else if (!this.#stopped) this.state = 'offline';
			},
			() => {
				// Offline before the client was ever loaded and kept: try again in a while, and at
				// the next `online`.
				this.#loading = false;
				this.state = 'offline';
				setTimeout(() => this.#connect(), RETRY_LOAD_MS);
			}
		);
	}

	#open(mqtt: Awaited<ReturnType<typeof loadMqtt>>): void {
		if (this.#client || this.state === 'refused') return;
		const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
		const c = mqtt.connect(`${scheme}//${location.host}${this.credential.mqttPath}`, {
			username: this.credential.username,
			password: this.credential.password,
			clientId: this.credential.clientId,
			protocolVersion: 4,
			// A persistent session: a refusal or a tasking published while the phone is between
			// two connections waits at the broker.
			clean: false,
			keepalive: 30,
			connectTimeout: 10_000,
			reconnectPeriod: 5_000
		});
		this.#client = c;
		c.on('connect', () => {
			this.state = 'online';
			this.#contact();
			const { teamId } = this.credential;
			c.subscribe([fieldTopics.tasking(teamId), fieldTopics.refused(teamId)], { qos: 1 });
			void this.#pump();
		});
		c.on('packetreceive', () => this.#contact());
		c.on('message', (topic, payload) => void this.#receive(topic, payload.toString()));
		// A closed connection, or an attempt that failed: no link to the EOC until the next connect
		// (mqtt.js tries again every reconnectPeriod).
		c.on('close', () => {
			if (this.#client === c && this.state !== 'refused') this.state = 'offline';
		});
		c.on('error', (err) => {
			const code = (err as { code?: unknown }).code;
			if (typeof code === 'number' && CREDENTIAL_REFUSED.has(code)) this.#drop('refused');
		});
	}

	#drop(state: LinkState): void {
		const c = this.#client;
		this.#client = null;
		if (this.state !== 'refused') this.state = state;
		// What is in flight stays first in the queue; the pump must not wait for its PUBACK.
		this.#abort?.();
		c?.end(true);
	}

	async #receive(topic: string, text: string): Promise<void> {
		const { teamId } = this.credential;
		if (topic === fieldTopics.tasking(teamId)) {
			const t = readTasking(text);
			if (!t || t.msgId === this.tasking?.msgId) return;
			this.tasking = t;
			this.answer = (await getKv<Answer>(`answer:${t.msgId}`)) ?? null;
			await setKv('tasking', t);
		} else if (topic === fieldTopics.refused(teamId)) {
			const r = readRefusal(text);
			if (!r) return;
			const at = Date.parse(r.ts);
			await recordRefusal({ ...r, at: Number.isNaN(at) ? Date.now() : at });
			this.refused = await refusals();
		}
	}

	/** Sends the queue in order while connected; one message in flight at a time. */
	async #pump(): Promise<void> {
		if (this.#pumping) {
			this.#again = true;
			return;
		}
		this.#pumping = true;
		this.#again = false;
		try {
			for (;;) {
				const c = this.#client;
				if (!c?.connected) break;
				const next = await oldest();
				if (!next) break;
				// The connection may have closed while the queue was read.
				if (this.#client !== c || !c.connected) break;
				await this.#publish(c, next);
				await markSent(next);
				this.#contact();
				await this.#refresh();
			}
		} catch {
			// No PUBACK (the connection closed or went quiet): the message stays first in the queue
			// and goes again on the next connect; the EOC's dedup keeps one.
		} finally {
			this.#pumping = false;
		}
		// A connect or a new message that came while this pass was ending found it busy.
		if (this.#again) void this.#pump();
	}

	/**
	 * Publishes at QoS 1; resolves on the PUBACK. Rejects when the connection closes, ends or goes
	 * offline first, when the link is dropped, or after PUBACK_WAIT_MS without an answer, so the
	 * pump never waits for ever on a packet mqtt.js keeps for a later connection.
	 */
	#publish(c: MqttClient, item: Outgoing): Promise<void> {
		return new Promise((resolve, reject) => {
			const events = ['close', 'end', 'offline'] as const;
			const fail = () => settle(new Error('no PUBACK'));
			const timer = setTimeout(fail, PUBACK_WAIT_MS);
			const settle = (err?: Error | null) => {
				clearTimeout(timer);
				for (const e of events) c.removeListener(e, fail);
				if (this.#abort === fail) this.#abort = null;
				if (err) reject(err);
				else resolve();
			};
			for (const e of events) c.once(e, fail);
			this.#abort = fail;
			c.publish(item.topic, item.payload, { qos: 1 }, (err) => settle(err));
		});
	}

	async #refresh(): Promise<void> {
		this.waiting = await waitingCount();
		this.queue = await waiting();
	}

	#contact(): void {
		const now = Date.now();
		this.lastContact = now;
		if (now - this.#contactSaved >= CONTACT_SAVE_MS) {
			this.#contactSaved = now;
			void setKv('lastContact', now);
		}
	}
}
