import type { LiveEventName, Snapshot } from '$lib/live/types';
import type { Database } from '../db/types';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';
import { matchesScope, REAL, type Scope } from '../exercises/scope';
import { CHANGE_CHANNEL } from './changes';
import { readSnapshot } from './snapshot';

export interface LiveMessage {
	id: number;
	event: LiveEventName;
	data: unknown;
}

export interface Subscriber {
	send(msg: LiveMessage): void;
}

interface Client extends Subscriber {
	/** The picture this client sees: only changes of its scope are sent to it. */
	scope: Scope;
	cursor: number;
	buffer: LiveMessage[] | null; // while catching up, live messages wait here
}

const PAGE = 1000;

/**
 * Turns commits into stream events. Every instance LISTENs on the change channel and reads the
 * change log after its cursor, so a change committed by any instance reaches every client. The
 * change id is the SSE id: a client that reconnects with Last-Event-ID gets what it missed.
 */
export class LiveHub {
	#clients = new Set<Client>();
	#cursor = 0;
	#reading: Promise<void> | null = null;
	#again = false;
	#unlisten: (() => Promise<void>) | null = null;
	#poll: ReturnType<typeof setInterval> | null = null;
	#observers = new Set<(msgs: readonly LiveMessage[]) => void>();

	constructor(
		private readonly db: Database,
		private readonly log: Logger
	) {}

	get clients() {
		return this.#clients.size;
	}
	get cursor() {
		return this.#cursor;
	}

	async start(): Promise<void> {
		const [row] = await this.db.query<{ max: string | null }>('select max(id) as max from change');
		this.#cursor = Number(row?.max ?? 0);
		this.#unlisten = await this.db.listen(CHANGE_CHANNEL, () => this.poke());
		// A safety net for notifications lost while the LISTEN connection was being re-made.
		this.#poll = setInterval(() => this.poke(), 5000);
		this.#poll.unref();
	}

	async stop(): Promise<void> {
		if (this.#poll) clearInterval(this.#poll);
		await this.#unlisten?.().catch(() => {});
		await this.#reading;
	}

	/**
	 * Every committed change, of every picture and every instance, in order, as the hub reads it
	 * (the alarm engine evaluates after commits through this). Returns the unsubscribe.
	 */
	observe(fn: (msgs: readonly LiveMessage[]) => void): () => void {
		this.#observers.add(fn);
		return () => this.#observers.delete(fn);
	}

	/** Something was committed: read the change log after the cursor (coalesced). */
	poke(): void {
		if (this.#reading) {
			this.#again = true;
			return;
		}
		this.#reading = this.#drain()
			.catch((err) => this.log.warn({ err: String(err) }, 'live hub read failed'))
			.finally(() => {
				this.#reading = null;
				if (this.#again) {
					this.#again = false;
					this.poke();
				}
			});
	}

	async #drain(): Promise<void> {
		for (;;) {
			const rows = await this.#changesAfter(this.#cursor, PAGE);
			for (const msg of rows) {
				this.#cursor = msg.id;
				for (const c of this.#clients) deliver(c, msg);
			}
			if (rows.length > 0) for (const fn of this.#observers) fn(rows);
			if (rows.length < PAGE) return;
		}
	}

	async #changesAfter(after: number, limit: number, upTo?: number): Promise<LiveMessage[]> {
		const rows = await this.db.query<{ id: string; kind: LiveEventName; data: unknown }>(
			`select id, kind, data from change where id > $1 ${upTo === undefined ? '' : 'and id <= $3'}
			order by id limit $2`,
			upTo === undefined ? [after, limit] : [after, limit, upTo]
		);
		return rows.map((r) => ({ id: Number(r.id), event: r.kind, data: parseJson(r.data) }));
	}

	/**
	 * Adds a client. With a Last-Event-ID still in the change log it gets the missed changes;
	 * otherwise (first connect, or too far behind) a snapshot. Live changes that arrive while it
	 * catches up are held and sent after, without duplicates.
	 */
	async subscribe(
		sub: Subscriber,
		lastEventId: number | null,
		scope: Scope = REAL
	): Promise<() => void> {
		const client: Client = { send: (m) => sub.send(m), scope, cursor: 0, buffer: [] };
		this.#clients.add(client);
		metrics.streamClients.set(this.#clients.size);
		const remove = () => {
			this.#clients.delete(client);
			metrics.streamClients.set(this.#clients.size);
		};
		try {
			if (lastEventId !== null && (await this.#canResume(lastEventId))) {
				client.cursor = lastEventId;
				let page: LiveMessage[];
				const upTo = this.#cursor;
				do {
					page = await this.#changesAfter(client.cursor, PAGE, upTo);
					for (const msg of page) sendIfNew(client, msg);
				} while (page.length === PAGE);
			} else {
				const { id, snapshot } = await readSnapshot(this.db, scope);
				client.send({ id, event: 'snapshot', data: snapshot satisfies Snapshot });
				client.cursor = id;
			}
			const held = client.buffer ?? [];
			client.buffer = null;
			for (const msg of held) sendIfNew(client, msg);
		} catch (err) {
			remove();
			throw err;
		}
		return remove;
	}

	async #canResume(lastEventId: number): Promise<boolean> {
		if (lastEventId > this.#cursor) return false; // an id from another database: start afresh
		const [row] = await this.db.query<{ min: string | null }>('select min(id) as min from change');
		const min = row?.min === null || row?.min === undefined ? null : Number(row.min);
		// Resumable when nothing after lastEventId was pruned from the log.
		return min === null ? lastEventId === this.#cursor : min <= lastEventId + 1;
	}
}

function deliver(c: Client, msg: LiveMessage) {
	if (c.buffer) c.buffer.push(msg);
	else sendIfNew(c, msg);
}

function sendIfNew(c: Client, msg: LiveMessage) {
	if (msg.id <= c.cursor || !visibleIn(msg, c.scope)) return;
	c.cursor = msg.id;
	c.send(msg);
}

/**
 * Whether a change belongs to a client's picture. The filter is here, on the server, so that a
 * real wall never even receives a drill row (a client-side filter would put every drill row on
 * the wire to every real wall, one bug away from the screen). Entities without an exercise field
 * (shelters, settings) are the EOC's own and go to every picture.
 */
export function visibleIn(msg: LiveMessage, scope: Scope): boolean {
	const data = msg.data as { exercise?: string | null } | null;
	if (data === null || typeof data !== 'object' || !('exercise' in data)) return true;
	return matchesScope(data.exercise, scope);
}

function parseJson(v: unknown): unknown {
	return typeof v === 'string' ? JSON.parse(v) : v;
}
