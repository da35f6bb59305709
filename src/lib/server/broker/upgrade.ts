import { STATUS_CODES, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

const BROKER_SERVER = Symbol.for('eocwall.brokerServer');

/** Marks the embedded broker's own HTTP listener (MQTT_WS_PORT): not the app's port. */
export function markBrokerServer(server: HttpServer): void {
	(server as HttpServer & { [BROKER_SERVER]?: true })[BROKER_SERVER] = true;
}

export function isBrokerServer(server: HttpServer): boolean {
	return (server as HttpServer & { [BROKER_SERVER]?: true })[BROKER_SERVER] === true;
}

/** Answers an HTTP upgrade with a plain refusal and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
	if (!socket.writable) return void socket.destroy();
	const body = `${reason}\n`;
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
			'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}
