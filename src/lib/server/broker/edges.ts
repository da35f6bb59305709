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
