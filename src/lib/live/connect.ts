/**
 * The wall's connection to /api/v1/stream (Server-Sent Events).
 *
 * A plain EventSource retries by itself only after a network drop, and gives up for good when a
 * response is not `200 text/event-stream` (a 503 while the server starts, a proxy error page). So:
 * the browser's own retry is allowed once (it carries the Last-Event-ID header, the cheap resume),
 * and past that we close it and open a new one with backoff: 1 s doubling to 15 s, with jitter.
 * A new EventSource cannot set headers, so the last id travels as `?lastEventId=`; a server that
 * ignores it answers with a fresh snapshot, which is just as correct.
 */
import { LIVE_EVENT_NAMES, type LiveEvent, type LiveEventName } from '$lib/live/types';

export const STREAM_URL = '/api/v1/stream';

export type ConnectionState = 'connecting' | 'live' | 'lost';

/** The part of EventSource we use; tests pass a fake. */
export interface EventSourceLike {
	readonly readyState: number;
	onopen: ((ev: Event) => unknown) | null;
	onerror: ((ev: Event) => unknown) | null;
	addEventListener(type: string, listener: (ev: MessageEvent) => unknown): void;
	close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface ConnectOptions {
	url: string;
	onEvent: (event: LiveEvent, id: string) => void;
	onState: (state: ConnectionState) => void;
	/** Resume from this id on the first connection (e.g. kept across a component remount). */
	lastEventId?: string | null;
	createEventSource?: EventSourceFactory;
	random?: () => number;
	warn?: (message: string, detail?: unknown) => void;
}

const CLOSED = 2; // EventSource.CLOSED, spelled out so this module loads in node
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 15_000;
/** A connection that stayed up this long counts as healthy: the next failure starts at 1 s again. */
const HEALTHY_AFTER_MS = 10_000;
/** The server sends `event: heartbeat` every 15 s; this long without any event is a stalled stream. */
export const STALL_AFTER_MS = 40_000;
export const HEARTBEAT_EVENT = 'heartbeat';

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, 15 s…, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt));
	return Math.round(Math.min(BACKOFF_MAX_MS, base * (0.8 + 0.4 * random())));
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntity(value: unknown): boolean {
	return isRecord(value) && typeof value.id === 'string';
}

const SNAPSHOT_LISTS = ['teams', 'incidents', 'sensors', 'hazards', 'shelters'] as const;

/**
 * Parse one event's data. Shape checks only (the server builds these from the shared types): enough
 * that a truncated or foreign payload is skipped rather than breaking the reducer. Null when bad.
 */
export function parseLiveEvent(type: LiveEventName, raw: string): LiveEvent | null {
	let data: unknown;
	try {
		data = JSON.parse(raw);
	} catch {
		return null;
	}
	if (type === 'snapshot') {
		if (!isRecord(data)) return null;
		const ok = SNAPSHOT_LISTS.every((k) => Array.isArray(data[k]) && data[k].every(isEntity));
		return ok ? ({ type, data } as unknown as LiveEvent) : null;
	}
	return isEntity(data) ? ({ type, data } as LiveEvent) : null;
}

function withLastEventId(url: string, id: string | null): string {
	if (!id) return url;
	return `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(id)}`;
}

/** Open the stream; returns `close()`, after which no callback fires. */
export function connect(options: ConnectOptions): () => void {
	const create = options.createEventSource ?? ((url: string) => new EventSource(url));
	const random = options.random ?? Math.random;
	const warn = options.warn ?? ((message, detail) => console.warn(message, detail));

	let source: EventSourceLike | null = null;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let closed = false;
	let attempt = 0;
	let everLive = false;
	let openedAt = 0;
	let errorsSinceOpen = 0;
	let lastEventId: string | null = options.lastEventId ?? null;
	let watchdog: ReturnType<typeof setTimeout> | null = null;
	const warned = new Set<LiveEventName>();

	/**
	 * A stream can stall without an error (a proxy or a half-open socket): the browser then waits
	 * forever. Anything from the server, a heartbeat included, proves it alive; silence past
	 * STALL_AFTER_MS is treated as a drop and reconnected.
	 */
	function alive() {
		if (watchdog) clearTimeout(watchdog);
		watchdog = setTimeout(() => {
			watchdog = null;
			if (closed || !source) return;
			warn(`eocwall: no data from the server for ${STALL_AFTER_MS / 1000} s; reconnecting`);
			source.close();
			source = null;
			options.onState('lost');
			timer = setTimeout(open, backoffDelay(attempt, random));
			attempt += 1;
		}, STALL_AFTER_MS);
	}

	function onMessage(type: LiveEventName, ev: MessageEvent) {
		if (closed) return;
		alive();
		if (ev.lastEventId) lastEventId = ev.lastEventId;
		const event = parseLiveEvent(type, typeof ev.data === 'string' ? ev.data : '');
		if (!event) {
			// Once per event name: a server that sends garbage sends it often.
			if (!warned.has(type)) {
				warned.add(type);
				warn(`eocwall: skipped a malformed "${type}" event (further ones are skipped quietly)`, {
					id: ev.lastEventId,
					data: typeof ev.data === 'string' ? ev.data.slice(0, 200) : ev.data
				});
			}
			return;
		}
		attempt = 0;
		options.onEvent(event, ev.lastEventId);
	}

	function open() {
		timer = null;
		if (closed) return;
		const es = create(withLastEventId(options.url, lastEventId));
		source = es;
		errorsSinceOpen = 0;
		for (const type of LIVE_EVENT_NAMES) {
			es.addEventListener(type, (ev) => onMessage(type, ev));
		}
		es.addEventListener(HEARTBEAT_EVENT, () => {
			if (!closed && source === es) alive();
		});
		es.onopen = () => {
			if (closed || source !== es) return;
			alive();
			everLive = true;
			openedAt = Date.now();
			errorsSinceOpen = 0;
			options.onState('live');
		};
		es.onerror = () => {
			if (closed || source !== es) return;
			errorsSinceOpen += 1;
			if (openedAt && Date.now() - openedAt >= HEALTHY_AFTER_MS) attempt = 0;
			openedAt = 0;
			options.onState(everLive ? 'lost' : 'connecting');
			// The browser retries a dropped stream once on its own (with Last-Event-ID); a refused
			// response, or a second failure in a row, is ours to retry.
			if (es.readyState === CLOSED || errorsSinceOpen > 1) {
				es.close();
				source = null;
				timer = setTimeout(open, backoffDelay(attempt, random));
				attempt += 1;
			}
		};
	}

	options.onState('connecting');
	open();

	return () => {
		closed = true;
		if (timer) clearTimeout(timer);
		if (watchdog) clearTimeout(watchdog);
		timer = null;
		source?.close();
		source = null;
	};
}
