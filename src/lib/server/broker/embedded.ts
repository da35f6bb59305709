import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { Aedes, type AedesOptions } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { Logger } from '../log';

export interface EmbeddedBrokerOptions {
	host: string;
	port: number;
	/** MQTT over WebSocket for browsers; 0 = a free port; null = off. */
	wsPort: number | null;
	log: Logger;
	/** Extension points (auth arrives with the auth issue): the one place embedded differs. */
	hooks?: Pick<AedesOptions, 'authenticate' | 'authorizeSubscribe'>;
	/**
	 * Sees every publish before the broker acknowledges it; the broker's PUBACK waits until
	 * `release` is called. The ingest releases a message after its commit, so a crash of this
	 * process loses nothing: the device still holds the message and sends it again.
	 */
	onPublish?(topic: string, payload: Buffer, qos: number, release: () => void): void;
}

export interface EmbeddedBroker {
	port: number;
	wsPort: number | null;
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
	const aedes = await Aedes.createBroker({
		...opts.hooks,
		// aedes writes the PUBACK (QoS 1) or PUBREC (QoS 2) only when this calls back.
		authorizePublish: onPublish
			? (_client, packet, callback) =>
					onPublish(packet.topic, Buffer.from(packet.payload), packet.qos, () => callback(null))
			: (_client, _packet, callback) => callback(null)
	});
	aedes.on('clientError', (client, err) =>
		opts.log.debug({ client: client?.id, err: err.message }, 'mqtt client error')
	);
	const tcp = createServer(aedes.handle);
	const port = await listen(
		tcp,
		opts.port,
		opts.host,
		'MQTT',
		'Another broker (Mosquitto?) may be running there: set MQTT_URL=mqtt://127.0.0.1:' +
			`${opts.port} to use it, or MQTT_PORT to another free port for the embedded broker.`
	);
	let http: HttpServer | null = null;
	let wsPort: number | null = null;
	if (opts.wsPort !== null) {
		http = createHttpServer((_req, res) => res.writeHead(426).end('MQTT over WebSocket only\n'));
		const wss = new WebSocketServer({ server: http });
		wss.on('connection', (socket, req) => aedes.handle(createWebSocketStream(socket), req));
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
	opts.log.info({ host: opts.host, port, wsPort }, 'embedded MQTT broker listening');
	return {
		port,
		wsPort,
		close: async () => {
			await new Promise<void>((r) => aedes.close(() => r()));
			await Promise.all([
				new Promise((r) => tcp.close(r)),
				http ? new Promise((r) => http.close(r)) : null
			]);
		}
	};
}
