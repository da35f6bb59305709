import {
	createServer as createHttpServer,
	type IncomingMessage,
	type Server as HttpServer
} from 'node:http';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { DEFAULT_MAX_PACKET_BYTES } from '$lib/contracts/decode';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { DeviceRefusal } from '../auth/device-acl';
import type { DeviceIdentity } from '../auth/devices';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';
import { deviceAccess, type BrokerAuth } from './device-access';
import { limitPacketSize, mqttSubprotocol, originAllowed } from './edges';
import { markBrokerServer, refuseUpgrade } from './upgrade';
import { IndexedMemoryPersistence } from './persistence';

export interface EmbeddedBrokerOptions {
	host: string;
	port: number;
	/** MQTT over WebSocket for browsers; 0 = a free port; null = off. */
	wsPort: number | null;
	/** The pages (origins) from which a browser may open MQTT over WebSocket; default none. */
	wsOrigins?: readonly string[];
	/** Longest MQTT packet taken (its remaining length); a longer one closes its connection. */
	maxPacketBytes?: number;
	log: Logger;
	/** Device credentials (MQTT_DEVICE_AUTH=on); absent: anyone may connect and publish anything. */
	auth?: BrokerAuth;
	/** Client ids reserved for the app's own credential (device-access.ts). */
	internalClientIds?: readonly string[];
	/**
	 * Sees every publish before the broker acknowledges it; the broker's PUBACK waits until
	 * `release` is called. The ingest releases a message after its commit, so a crash of this
	 * process loses nothing: the device still holds the message and sends it again.
	 */
	onPublish?(publish: DoorPublish): void;
}

/** A publish at the broker's door. */
export interface DoorPublish {
	topic: string;
	payload: Buffer;
	qos: number;
	/** The publisher, when a device credential authenticated it. */
	device: DeviceIdentity | null;
	/** Lets the broker acknowledge it (PUBACK or PUBREC) and, unless refused, forward it. */
	release(): void;
	/** Marks it refused, before `release`: acknowledged all the same, but never forwarded. */
	refuse(reason: DeviceRefusal['reason']): void;
}

export interface EmbeddedBroker {
	port: number;
	wsPort: number | null;
	/**
	 * Opens MQTT over WebSocket on an HTTP upgrade already judged acceptable (its path and Origin:
	 * edges.ts): the app's own port hands `/mqtt` here (http/mqtt-upgrade.ts).
	 */
	acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes the connections of a device whose credential was revoked. */
	disconnectDevice(credentialId: string): void;
	close(): Promise<void>;
}

export class PortInUseError extends Error {
	constructor(
		readonly port: number,
		readonly what: string,
		hint: string
	) {
		super(`${what} port ${port} is already in use. ${hint}`);
		this.name = 'PortInUseError';
	}
}

function listen(
	server: Server | HttpServer,
	port: number,
	host: string,
	what: string,
	hint: string
) {
	return new Promise<number>((resolve, reject) => {
		server.once('error', (err: NodeJS.ErrnoException) =>
			reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, what, hint) : err)
		);
		server.listen(port, host, () => {
			const addr = server.address();
			resolve(typeof addr === 'object' && addr ? addr.port : port);
		});
	});
}

/**
 * The embedded MQTT broker (aedes, MQTT 3.1.1), so the dashboard runs with nothing installed.
 * The ingest takes messages at the broker's door (`onPublish`), so a device's message is
 * acknowledged only once stored. Its session store is in memory: messages queued for other
 * subscribers survive a reconnect, not a restart of this process.
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
	const onPublish = opts.onPublish;
	const access = deviceAccess(opts.auth, opts.log, opts.internalClientIds);
	const maxPacket = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
	const aedes = await Aedes.createBroker({
		...access.hooks,
		// MQTT 3.1.1 allows longer ids than 23 characters; a device's username (up to 73) fits.
		maxClientsIdLength: 128,
		persistence: new IndexedMemoryPersistence(),
		// aedes writes the PUBACK (QoS 1) or PUBREC (QoS 2) only when this calls back.
		authorizePublish: (client, packet, callback) => {
			const device = access.publisher(client);
			if (!device && packet.topic.startsWith('$SYS/')) {
				// aedes's own default: the $SYS tree is the broker's (moscajs/aedes#597).
				return callback(new Error('$SYS/ topic is reserved'));
			}
			if (!onPublish) return callback(null);
			onPublish({
				topic: packet.topic,
				payload: Buffer.from(packet.payload),
				qos: packet.qos,
				device,
				release: () => callback(null),
				refuse: (reason) => access.refuse(packet, reason)
			});
		}
	});
	access.attach(aedes);
	aedes.on('clientError', (client, err) =>
		opts.log.debug({ client: client?.id, err: err.message }, 'mqtt client error')
	);
	const handle = (stream: Duplex, transport: 'tcp' | 'websocket', req?: IncomingMessage) => {
		metrics.mqttConnections.inc({ transport });
		stream.once('close', () => metrics.mqttConnections.dec({ transport }));
		limitPacketSize(aedes.handle(stream, req as never), maxPacket, opts.log);
	};
	const tcp = createServer((socket) => handle(socket, 'tcp'));
	const port = await listen(
		tcp,
		opts.port,
		opts.host,
		'MQTT',
		'Another broker (Mosquitto?) may be running there: set MQTT_URL=mqtt://127.0.0.1:' +
			`${opts.port} to use it, or MQTT_PORT to another free port for the embedded broker.`
	);
	// One WebSocket door for both ways in: MQTT_WS_PORT's own listener and the app's `/mqtt`.
	const wss = new WebSocketServer({
		noServer: true,
		// A WebSocket message holds one or more MQTT packets: none may be far above the limit.
		maxPayload: maxPacket + 5,
		handleProtocols: (offered) => mqttSubprotocol(offered)
	});
	wss.on('connection', (socket, req) => handle(createWebSocketStream(socket), 'websocket', req));
	const acceptWebSocket = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
	let http: HttpServer | null = null;
	let wsPort: number | null = null;
	if (opts.wsPort !== null) {
		http = createHttpServer((_req, res) => res.writeHead(426).end('MQTT over WebSocket only\n'));
		markBrokerServer(http);
		const origins = opts.wsOrigins ?? [];
		http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			if (originAllowed(req, origins)) return acceptWebSocket(req, socket, head);
			metrics.mqttRefused.inc({ reason: 'origin' });
			opts.log.warn(
				{ origin: req.headers.origin, allowed: origins },
				'mqtt over websocket refused: origin not in MQTT_WS_ORIGINS'
			);
			refuseUpgrade(socket, 403, 'Origin not allowed');
		});
		wsPort = await listen(
			http,
			opts.wsPort,
			opts.host,
			'MQTT over WebSocket',
			'Set MQTT_WS_PORT to a free port.'
		).catch((e) => {
			tcp.close();
			throw e;
		});
	}
	opts.log.info(
		{ host: opts.host, port, wsPort, maxPacketBytes: maxPacket },
		'embedded MQTT broker listening'
	);
	return {
		port,
		wsPort,
		acceptWebSocket,
		disconnectDevice: (id) => access.disconnect(id),
		close: async () => {
			await new Promise<void>((r) => aedes.close(() => r()));
			for (const ws of wss.clients) ws.terminate();
			await Promise.all([
				new Promise((r) => tcp.close(r)),
				http ? new Promise((r) => http.close(r)) : null
			]);
		}
	};
}
