import type { IncomingMessage } from 'node:http';
import type { Client } from 'aedes';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';

/** The part of mqtt-packet's parser (one per aedes client) that reads a packet's length. */
interface PacketParser {
	packet: { cmd?: string; length: number };
	_parseLength(): boolean;
	_emitError(err: Error): void;
}

/**
 * Refuses a packet longer than `maxBytes` (its remaining length, MQTT 3.1.1 §2.2.3) as soon as
 * its fixed header is read, before a byte of its body is buffered: aedes has no such option, and
 * mqtt-packet would gather the whole announced length (up to 256 MiB) in memory first. The
 * parser's error closes that connection only; the broker goes on serving every other client.
 */
export function limitPacketSize(client: Client, maxBytes: number, log: Logger): void {
	const parser = (client as unknown as { _parser: PacketParser })._parser;
	const parseLength = parser._parseLength.bind(parser);
	parser._parseLength = () => {
		if (!parseLength()) return false;
		const { cmd, length } = parser.packet;
		if (length <= maxBytes) return true;
		metrics.mqttRefused.inc({ reason: 'too_large' });
		log.warn(
			{ client: client.id ?? null, cmd, bytes: length, limit: maxBytes },
			'mqtt packet too large: connection closed (MQTT_MAX_PACKET_BYTES)'
		);
		parser._emitError(new Error(`packet of ${length} bytes, limit ${maxBytes}`));
		return false;
	};
}

/**
 * Whether a WebSocket upgrade may open MQTT: a browser always sends its page's `Origin`, which
 * must be one of `allowed` (MQTT_WS_ORIGINS); a request without one is not a browser's, and
 * meets the device credentials like a TCP connection.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
	const origin = req.headers.origin;
	return origin === undefined || allowed.includes(origin);
}

/** The path of the app's own port where MQTT over WebSocket is served (embedded broker). */
export const MQTT_PATH = '/mqtt';

/** WebSocket subprotocols of MQTT 3.1.1 (`mqtt`) and 3.1 (`mqttv3.1`), as Mosquitto takes them. */
const MQTT_SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

/** The MQTT subprotocol to answer with, of those a client offers (none offered: none). */
export function mqttSubprotocol(offered: ReadonlySet<string>): string | false {
	return MQTT_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;
}

/** Why an upgrade on the app's own port is refused: the status line and a plain reason. */
export interface UpgradeRefusal {
	status: 400 | 403 | 404 | 503;
	reason: string;
	/** What was wrong: `origin` counts in eocwall_mqtt_refused_total; `external` is logged once. */
	kind: 'path' | 'protocol' | 'origin' | 'external' | 'open' | 'starting';
}

export interface UpgradeContext {
	/**
	 * `external`: the app uses another broker (MQTT_URL); `starting`: the embedded one is not up
	 * yet; `open`: it takes anyone (MQTT_DEVICE_AUTH=off), which the app's port must not offer.
	 */
	broker: 'ready' | 'starting' | 'external' | 'open';
	/** ORIGIN, when set. */
	appOrigin?: string;
	/** MQTT_WS_ORIGINS: other pages that may open MQTT over WebSocket. */
	origins: readonly string[];
}

function hostOf(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		return null;
	}
}

/**
 * Whether an HTTP upgrade on the app's own port may open MQTT over WebSocket, or why not.
 * Only a WebSocket upgrade of exactly `/mqtt` (any query string) is taken. Its Origin follows the
 * app's own forgery rule (auth/csrf.ts): none (not a browser: the device credential decides), or a
 * page of this very site (the Origin's host is the Host addressed or ORIGIN's), or one listed in
 * MQTT_WS_ORIGINS. A client that offers subprotocols must offer `mqtt` (or `mqttv3.1`). The
 * embedded broker must be up and ask for device credentials.
 */
export function upgradeRefusal(
	req: { url?: string; headers: IncomingMessage['headers'] },
	ctx: UpgradeContext
): UpgradeRefusal | null {
	const path = (req.url ?? '').split('?')[0];
	if (path !== MQTT_PATH) return { status: 404, kind: 'path', reason: 'No WebSocket here' };
	if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket')
		return { status: 400, kind: 'protocol', reason: 'MQTT over WebSocket only' };
	const offered = req.headers['sec-websocket-protocol'];
	if (offered !== undefined) {
		const list = new Set(offered.split(',').map((p) => p.trim()));
		if (!mqttSubprotocol(list))
			return { status: 400, kind: 'protocol', reason: 'WebSocket subprotocol mqtt required' };
	}
	// Before the Origin: until the configuration is read, the allowed pages are not known.
	if (ctx.broker === 'starting')
		return {
			status: 503,
			kind: 'starting',
			reason: 'The server is starting; try again in a few seconds'
		};
	const origin = req.headers.origin;
	if (origin !== undefined && !ctx.origins.includes(origin)) {
		const host = hostOf(origin);
		const own = [req.headers.host, ctx.appOrigin && hostOf(ctx.appOrigin)];
		if (!host || !own.includes(host))
			return { status: 403, kind: 'origin', reason: 'Origin not allowed' };
	}
	if (ctx.broker === 'external')
		return {
			status: 404,
			kind: 'external',
			reason:
				'MQTT over WebSocket is served by the external broker (MQTT_URL): the reverse proxy ' +
				'routes /mqtt to its websockets listener (docs/deploy.md)'
		};
	// MQTT_DEVICE_AUTH is off only where the broker listens on this machine alone (config.ts);
	// the app's port is reached from the network, so `/mqtt` never opens a broker without it.
	if (ctx.broker === 'open')
		return {
			status: 404,
			kind: 'open',
			reason: 'MQTT over WebSocket at /mqtt needs device credentials: set MQTT_DEVICE_AUTH=on'
		};
	return null;
}
