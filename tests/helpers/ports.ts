import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
/** Ports this process has handed out: the OS may offer a just-closed port again at once. */
const given = new Set<number>();

/**
 * A port free now on 127.0.0.1, never one this process handed out before: two taken in a row
 * (an app's HTTP port and its broker's) could otherwise be the same, and the second listener
 * would find it in use.
 */
export async function freePort(): Promise<number> {
	for (let tries = 0; tries < 50; tries++) {
		const port = await new Promise<number>((resolve, reject) => {
			const srv = createServer();
			srv.once('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const addr = srv.address();
				const p = typeof addr === 'object' && addr ? addr.port : 0;
				srv.close(() => resolve(p));
			});
		});
		if (!given.has(port)) {
			given.add(port);
			return port;
		}
	}
	throw new Error('freePort: the OS kept offering ports already handed out');
}

export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
	timeoutMs = 30_000,
	everyMs = 100
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const v = await probe();
			if (v) return v as T;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
}
