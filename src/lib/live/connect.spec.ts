import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSnapshot, makeTeam } from '$lib/live/fixtures';
import { LIVE_EVENT_NAMES, type LiveEvent } from '$lib/live/types';
import {
	HEARTBEAT_EVENT,
	STALL_AFTER_MS,
	backoffDelay,
	connect,
	parseLiveEvent,
	type ConnectionState,
	type EventSourceLike
} from './connect';

class FakeEventSource implements EventSourceLike {
	readyState = 0;
	onopen: ((ev: Event) => unknown) | null = null;
	onerror: ((ev: Event) => unknown) | null = null;
	closed = false;
	listeners = new Map<string, (ev: MessageEvent) => unknown>();
	constructor(readonly url: string) {}
	addEventListener(type: string, listener: (ev: MessageEvent) => unknown) {
		this.listeners.set(type, listener);
	}
	close() {
		this.closed = true;
		this.readyState = 2;
	}
	// test helpers
	open() {
		this.readyState = 1;
		this.onopen?.(new Event('open'));
	}
	emit(type: string, data: unknown, id: string) {
		const raw = typeof data === 'string' ? data : JSON.stringify(data);
		this.listeners.get(type)?.(new MessageEvent(type, { data: raw, lastEventId: id }));
	}
	/** The server answered 503 (readyState CLOSED) or the stream dropped (CONNECTING). */
	fail(readyState: 0 | 2) {
		this.readyState = readyState;
		this.onerror?.(new Event('error'));
	}
}

function harness() {
	const sources: FakeEventSource[] = [];
	const events: LiveEvent[] = [];
	const states: ConnectionState[] = [];
	const warn = vi.fn();
	const close = connect({
		url: '/api/v1/stream',
		onEvent: (e) => events.push(e),
		onState: (s) => states.push(s),
		createEventSource: (url) => {
			const es = new FakeEventSource(url);
			sources.push(es);
			return es;
		},
		random: () => 0.5, // no jitter: delays are exactly 1 s, 2 s, 4 s…
		warn
	});
	const last = () => sources[sources.length - 1];
	return { sources, events, states, warn, close, last };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('backoffDelay', () => {
	it('doubles from 1 s to a 15 s ceiling', () => {
		const mid = () => 0.5;
		expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, mid))).toEqual([
			1000, 2000, 4000, 8000, 15000, 15000, 15000
		]);
	});

	it('jitters by ±20 % and never exceeds 15 s', () => {
		expect(backoffDelay(0, () => 0)).toBe(800);
		expect(backoffDelay(0, () => 1)).toBe(1200);
		expect(backoffDelay(8, () => 1)).toBe(15000);
	});
});

describe('parseLiveEvent', () => {
	it('accepts a snapshot and an entity', () => {
		expect(parseLiveEvent('snapshot', JSON.stringify(makeSnapshot()))?.type).toBe('snapshot');
		expect(parseLiveEvent('team', JSON.stringify(makeTeam()))?.data).toMatchObject({ id: 'kr-2' });
	});

	it('returns null for bad JSON or a wrong shape, never throws', () => {
		expect(parseLiveEvent('team', '{"id":')).toBeNull();
		expect(parseLiveEvent('team', '[]')).toBeNull();
		expect(parseLiveEvent('team', '{"callsign":"no id"}')).toBeNull();
		expect(parseLiveEvent('snapshot', '{"teams":[]}')).toBeNull();
		expect(
			parseLiveEvent('snapshot', JSON.stringify({ ...makeSnapshot(), teams: [{}] }))
		).toBeNull();
	});
});

describe('connect', () => {
	it('delivers typed events and reports live on open', () => {
		const h = harness();
		expect(h.states).toEqual(['connecting']);
		h.last().open();
		h.last().emit('snapshot', makeSnapshot(), '1');
		h.last().emit('team', makeTeam({ status: 'on_scene' }), '2');
		expect(h.states).toEqual(['connecting', 'live']);
		expect(h.events.map((e) => e.type)).toEqual(['snapshot', 'team']);
		expect(h.last().listeners.size).toBe(LIVE_EVENT_NAMES.length + 1); // every live event and the heartbeat
		h.close();
	});

	it('skips a malformed event with one warning and keeps going', () => {
		const h = harness();
		h.last().open();
		h.last().emit('team', '{not json', '1');
		h.last().emit('team', '{"also":"bad"}', '2');
		h.last().emit('team', makeTeam(), '3');
		expect(h.events).toHaveLength(1);
		expect(h.warn).toHaveBeenCalledTimes(1);
		h.close();
	});

	it('reconnects with backoff after a refused response, resuming from the last id', () => {
		const h = harness();
		h.last().open();
		h.last().emit('team', makeTeam(), '41');
		h.last().fail(2); // e.g. the server restarted and answered 503
		expect(h.states.at(-1)).toBe('lost');
		expect(h.sources).toHaveLength(1);
		vi.advanceTimersByTime(999);
		expect(h.sources).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(h.sources).toHaveLength(2);
		expect(h.last().url).toBe('/api/v1/stream?lastEventId=41');

		h.last().fail(2);
		vi.advanceTimersByTime(1999);
		expect(h.sources).toHaveLength(2);
		vi.advanceTimersByTime(1);
		expect(h.sources).toHaveLength(3);

		h.last().open();
		expect(h.states.at(-1)).toBe('live');
		h.close();
	});

	it('treats a silent stream as stalled and reconnects; heartbeats keep it alive', () => {
		const h = harness();
		h.last().open();
		h.last().emit('team', makeTeam(), '7');
		for (let i = 0; i < 5; i++) {
			vi.advanceTimersByTime(STALL_AFTER_MS - 5_000);
			h.last().emit(HEARTBEAT_EVENT, {}, '');
		}
		expect(h.sources).toHaveLength(1);
		expect(h.states.at(-1)).toBe('live');
		vi.advanceTimersByTime(STALL_AFTER_MS);
		expect(h.states.at(-1)).toBe('lost');
		expect(h.sources[0].closed).toBe(true);
		expect(h.warn).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(1_000);
		expect(h.sources).toHaveLength(2);
		expect(h.last().url).toBe('/api/v1/stream?lastEventId=7');
		h.close();
	});

	it('lets the browser retry a dropped stream once, then takes over', () => {
		const h = harness();
		h.last().open();
		h.last().fail(0); // network drop: the browser retries by itself
		expect(h.last().closed).toBe(false);
		vi.advanceTimersByTime(STALL_AFTER_MS - 1); // its retry gets the time a stall would take
		expect(h.sources).toHaveLength(1);
		h.last().fail(0); // the retry failed too
		expect(h.last().closed).toBe(true);
		vi.advanceTimersByTime(1000);
		expect(h.sources).toHaveLength(2);
		h.close();
	});

	it('stays "connecting" until the first successful open', () => {
		const h = harness();
		h.last().fail(2);
		vi.advanceTimersByTime(1000);
		h.last().fail(2);
		expect(h.states).toEqual(['connecting', 'connecting', 'connecting']);
		h.close();
	});

	it('close() stops reconnects and callbacks', () => {
		const h = harness();
		h.last().open();
		h.last().fail(2);
		h.close();
		vi.advanceTimersByTime(60_000);
		expect(h.sources).toHaveLength(1);
		h.sources[0].emit('team', makeTeam(), '9');
		expect(h.events).toHaveLength(0);
	});
});
