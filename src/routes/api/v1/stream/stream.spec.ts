import { describe, expect, it } from 'vitest';
import type { LiveMessage, Subscriber } from '$lib/server/live/hub';
import { readiness } from '$lib/server/app/runtime';
import type { Services } from '$lib/server/app/services';
import { MAX_UNREAD_BYTES } from '$lib/server/live/limits';
import { GET } from './+server';

function withHub(subscribe: (s: Subscriber) => void) {
	const state = readiness();
	state.phase = 'ready';
	state.services = {
		config: { STREAM_MAX_PER_PRINCIPAL: 32, STREAM_MAX_TOTAL: 1000 },
		hub: {
			subscribe: async (s: Subscriber) => {
				subscribe(s);
				return () => {};
			}
		}
	} as unknown as Services;
}

// A wall kiosk's request (the route checks for a reader itself, besides the access hook).
const kiosk = { principal: { kind: 'display', id: 'd', name: 'hall' } };
const call = (headers: Record<string, string> = {}, locals: object = kiosk) =>
	GET({
		request: new Request('http://x/api/v1/stream', { headers }),
		url: new URL('http://x/api/v1/stream'),
		locals
	} as unknown as Parameters<typeof GET>[0]) as Promise<Response>;

async function readAll(res: Response): Promise<string> {
	return new Response(res.body).text();
}

describe('/api/v1/stream', () => {
	it('sends typed events with their change ids', async () => {
		let sub: Subscriber | null = null;
		withHub((s) => {
			sub = s;
			s.send({ id: 7, event: 'team', data: { id: 'a' } } satisfies LiveMessage);
		});
		const res = await call();
		expect(res.headers.get('content-type')).toContain('text/event-stream');
		const reader = res.body!.getReader();
		const text = new TextDecoder();
		let got = '';
		while (!got.includes('event: team')) got += text.decode((await reader.read()).value);
		expect(got).toContain('id: 7\nevent: team\ndata: {"id":"a"}\n\n');
		expect(sub).not.toBeNull();
		await reader.cancel();
	});

	it('cuts off a client that stops reading instead of buffering without bound', async () => {
		const big = 'x'.repeat(100_000);
		withHub((s) => {
			for (let i = 1; i <= 200; i++) s.send({ id: i, event: 'team', data: { id: big } });
		});
		const res = await call(); // nothing reads while 20 MB of events are sent
		await new Promise((r) => setTimeout(r, 50));
		const body = await readAll(res); // ends: the server closed the stream
		expect(body.length).toBeLessThan(MAX_UNREAD_BYTES + 300_000);
		expect(body).toContain('id: 1\n');
		expect(body).not.toContain('id: 200\n');
	});

	it('refuses anyone without a session or token, even past the access hook', async () => {
		withHub(() => {});
		await expect(call({}, { principal: null })).rejects.toMatchObject({ status: 401 });
	});

	it('refuses a Last-Event-ID that is not a number', async () => {
		withHub(() => {});
		await expect(call({ 'last-event-id': '1; drop' })).rejects.toMatchObject({ status: 400 });
	});
});
