// What a page downloads, per response, through the DevTools protocol: `encodedDataLength` (bytes on
// the wire: headers and the body as sent, compressed or not) and the body after decoding. Shared by
// the `/wall` and `/field` wire benches (docs/benchmarks.md).
import type { BrowserContext, Page } from 'playwright-core';

export interface Transfer {
	url: string;
	transferred: number;
	decoded: number;
	encoding: string;
}

/** Starts recording the page's responses; the returned list fills as they finish. */
export async function recordTransfers(
	context: BrowserContext,
	page: Page,
	opts: { cacheDisabled?: boolean } = {}
): Promise<Transfer[]> {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	if (opts.cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const seen = new Map<string, { url: string; encoding: string; decoded: number }>();
	const done: Transfer[] = [];
	cdp.on('Network.responseReceived', (e) => {
		const h = Object.fromEntries(
			Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)])
		);
		seen.set(e.requestId, {
			url: e.response.url,
			encoding: h['content-encoding'] ?? 'none',
			decoded: 0
		});
	});
	cdp.on('Network.dataReceived', (e) => {
		const s = seen.get(e.requestId);
		if (s) s.decoded += e.dataLength;
	});
	cdp.on('Network.loadingFinished', (e) => {
		const s = seen.get(e.requestId);
		if (s) done.push({ ...s, transferred: e.encodedDataLength });
	});
	return done;
}

export const sum = (list: readonly Transfer[], key: 'transferred' | 'decoded') =>
	list.reduce((a, r) => a + r[key], 0);
