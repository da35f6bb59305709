import type { Server } from 'node:net';
import type { Socket } from 'node:net';

/**
 * What a test server can be told to do wrong, so the tests can show retries and refusals: answer
 * the next N requests with an error, or stop listening (a connection is refused, as when the
 * phone is off or the SMSC is down) and listen again on the same port.
 */
export interface Fault<E> {
	/** The error to answer with (an HTTP status, an SMTP code, an SMPP command_status). */
	error: E;
	/** For HTTP 429: the Retry-After the server asks for, in seconds. */
	retryAfterS?: number;
}

export class Faults<E> {
	private queue: Fault<E>[] = [];

	/** The next `times` requests are answered with `error`. */
	failNext(times: number, error: E, retryAfterS?: number): void {
		for (let i = 0; i < times; i++) this.queue.push({ error, retryAfterS });
	}

	/** The fault for this request, if one is queued. */
	take(): Fault<E> | undefined {
		return this.queue.shift();
	}
}

/**
 * A listener that can be closed (connections refused) and opened again on its port. Open
 * connections are destroyed on close, so a client with a kept-alive socket sees the outage too.
 */
export class Listener {
	private sockets = new Set<Socket>();
	private listening = false;

	constructor(
		private readonly server: Server,
		public port = 0
	) {
		server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	async listen(): Promise<number> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const addr = this.server.address();
		this.port = typeof addr === 'object' && addr ? addr.port : this.port;
		this.listening = true;
		return this.port;
	}

	/** Stops listening and drops every open connection: the next connect is refused. */
	async refuse(): Promise<void> {
		if (!this.listening) return;
		this.listening = false;
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		await closed;
		// A client in this process sees its kept-alive sockets close on the next turns of the
		// event loop: after them, its next request opens a connection, and is refused.
		for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
	}

	/** Listens again on the same port after `refuse()`. */
	async accept(): Promise<void> {
		if (!this.listening) await this.listen();
	}

	async close(): Promise<void> {
		await this.refuse();
	}
}
