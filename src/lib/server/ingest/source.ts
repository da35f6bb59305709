import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from '../ops/log';
import type { AppBroker } from '../broker/client';
import type { Validation } from './batch';
import type { Relayer } from './relay-guard';

/** A message as it came off the wire, with the means to acknowledge it once it is safe. */
export interface Incoming {
	topic: string;
	payload: Buffer;
	receivedAt: Date;
	/** Sends the PUBACK, if the connection it came on is still the current one. */
	ack(): void;
	/** Its validation, when the source did it already (the broker's door, for a device). */
	parsed?: Validation;
	/** The device credential it came in with (the broker's door, device auth on). */
	relayer?: Relayer;
}

export interface SourceOptions {
	broker: AppBroker;
	clientId: string;
	/**
	 * e.g. ['eoc/v1/#', 'owntracks/#', 'msh/+/2/json/#'], each behind '$share/eocwall/' for
	 * several instances (MQTT 5 brokers).
	 */
	filters: string[];
	log: Logger;
	onMessage(msg: Incoming): void;
	/** True while the writer holds too much: stop reading from the socket until it drains. */
	isFull(): boolean;
	onStateChange?(connected: boolean): void;
}

export interface Source {
	readonly connected: boolean;
	/** Called by the writer when it has room again: resumes reading. */
	drained(): void;
	/** Stops taking messages (they stay unacked, for redelivery); the connection stays open. */
	stopTaking(): void;
	close(): Promise<void>;
}

type PacketLike = { cmd: string; messageId?: number; qos?: number; topic: string; payload: Buffer };
type Internals = {
	_sendPacket(
		packet: { cmd: string; messageId?: number },
		cb?: () => void,
		...rest: unknown[]
	): void;
};

/**
 * Subscribes with QoS 1 on a persistent session and acknowledges each message only when told to
 * (after the commit that stored it): a crash means redelivery, and redelivery is harmless.
 *
 * mqtt.js sends the PUBACK as soon as `handleMessage` calls back, and reads the next packet only
 * then. Holding the callback until the commit would make ingest one-message-per-commit, so instead
 * the automatic PUBACK is suppressed and ours is sent after the commit on the same connection.
 * Packet ids are per connection: an ack whose connection has gone is dropped, never sent on the
 * next one (where the id may name another message); the broker redelivers those.
 */
export function createMqttSource(opts: SourceOptions): Source {
	const shared = opts.filters.some((f) => f.startsWith('$share/'));
	const options: IClientOptions = {
		clean: false, // persistent session: messages queue at the broker while we are away
		reconnectPeriod: 1000,
		connectTimeout: 10_000,
		keepalive: 30,
		resubscribe: false, // we subscribe on every connect ourselves
		// mqtt.js traces every packet through `debug` (a dozen calls each, argument lists built
		// even when off: 3 % of the app's CPU at full ingest). Kept when DEBUG asks for any trace.
		...(process.env.DEBUG ? {} : { log: () => {} }),
		// $share needs MQTT 5; v5 also needs a session expiry or the session ends at disconnect.
		...(shared
			? { protocolVersion: 5 as const, properties: { sessionExpiryInterval: 7 * 24 * 3600 } }
			: { protocolVersion: 4 as const })
	};
	const client: MqttClient = opts.broker.connect(opts.clientId, options);
	const internals = client as unknown as Internals;
	const sendPacket = internals._sendPacket.bind(client);
	let generation = 0;
	// mqtt.js's callback for the message that found the writer full, with its connection: called
	// when the writer drains, dropped if that connection has gone (it would let mqtt.js send a
	// PUBACK with an old packet id on the new connection).
	let paused: { gen: number; resume: () => void } | null = null;
	let closing = false;

	const pubacks = pubackWriter(
		() => generation,
		() => client.connected,
		(bytes) => client.stream.write(bytes)
	);

	internals._sendPacket = (packet, cb, ...rest) => {
		// PUBACK only after commit: mqtt.js's automatic one is swallowed, always (ours do not come
		// this way: they go out through `pubacks`).
		if (packet.cmd === 'puback') {
			cb?.();
			return;
		}
		sendPacket(packet, cb, ...rest);
	};

	client.handleMessage = (raw, callback) => {
		const packet = raw as unknown as PacketLike;
		const gen = generation;
		const messageId = packet.messageId;
		if (closing) {
			// Shutting down: not taken, not acked; the broker delivers it again on the next session.
			callback();
			return;
		}
		opts.onMessage({
			topic: packet.topic,
			payload: packet.payload,
			receivedAt: new Date(),
			ack: () => {
				if (!packet.qos || messageId === undefined) return;
				if (gen !== generation || !client.connected) return; // redelivered on the next session
				pubacks.add(gen, messageId);
			}
		});
		if (opts.isFull()) paused = { gen, resume: () => callback() };
		else callback();
	};

	client.on('connect', (connack) => {
		opts.log.info(
			{ url: opts.broker.url, sessionPresent: connack.sessionPresent },
			'mqtt connected'
		);
		// A resumed session keeps the subscription, but subscribing again is idempotent and covers
		// a broker that lost it.
		client.subscribe(opts.filters, { qos: 1 }, (err) => {
			if (err) opts.log.error({ err }, 'mqtt subscribe failed');
		});
		opts.onStateChange?.(true);
	});
	client.on('close', () => {
		generation++;
		paused = null;
		opts.onStateChange?.(false);
	});
	client.on('offline', () => opts.log.warn({ url: opts.broker.url }, 'mqtt offline, reconnecting'));
	client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt error'));

	return {
		get connected() {
			return client.connected;
		},
		drained() {
			const held = paused;
			paused = null;
			if (held && held.gen === generation) held.resume();
		},
		stopTaking() {
			closing = true;
		},
		close: () =>
			new Promise<void>((resolve) => {
				client.end(false, {}, () => resolve());
			})
	};
}

/**
 * The PUBACKs of one commit in one write, 4 bytes each: fixed header 0x40, remaining length 2,
 * the packet id (MQTT 3.1.1 §3.4; in MQTT 5 a remaining length of 2 means Success without
 * properties, §3.4.2.1). One trip through mqtt.js's packet writer per message (its packet
 * object, event, cork and nextTick) was 5 % of the app's CPU at full ingest. Acks queued in
 * one task go out at its end, in order; those of a connection that has gone are dropped (the
 * broker redelivers them, and their ids may name other messages on the new connection).
 */
export function pubackWriter(
	generation: () => number,
	connected: () => boolean,
	write: (bytes: Buffer) => void
): { add(gen: number, messageId: number): void } {
	let ids: number[] = [];
	let idsGen = 0;
	const flush = () => {
		const out = ids;
		ids = [];
		if (out.length === 0 || idsGen !== generation() || !connected()) return;
		const bytes = Buffer.allocUnsafe(4 * out.length);
		for (let i = 0; i < out.length; i++) {
			bytes[4 * i] = 0x40;
			bytes[4 * i + 1] = 0x02;
			bytes.writeUInt16BE(out[i], 4 * i + 2);
		}
		write(bytes);
	};
	return {
		add(gen, messageId) {
			if (ids.length > 0 && gen !== idsGen) flush();
			if (ids.length === 0) {
				idsGen = gen;
				queueMicrotask(flush);
			}
			ids.push(messageId);
		}
	};
}
