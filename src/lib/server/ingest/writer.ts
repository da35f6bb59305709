import { parseMessage } from '$lib/contracts';
import type { Database } from '../db/types';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';
import { writeBatch, type BatchItem, type BatchResult, type Rejection } from './batch';
import type { Incoming } from './source';

export interface WriterOptions {
	db: Database;
	log: Logger;
	maxBatch: number;
	maxPending: number;
	/** Bytes held in memory before the source is paused (bounded memory during a DB outage). */
	maxPendingBytes?: number;
	now?: () => Date;
	/** Called after every commit (the live hub uses it to skip waiting for NOTIFY locally). */
	onCommit?(result: BatchResult, items: readonly BatchItem[]): void;
	onDrain?(): void;
	/**
	 * Transactions in flight at once (default 1). With a PostgreSQL server, 2 overlap building one
	 * batch with committing the other; acks still go out in arrival order.
	 */
	concurrency?: number;
}

type Pending = BatchItem & { ack(): void };

/** A batch on its way to the database; it lands (acks) only after every batch before it. */
interface Flight {
	items: Pending[];
	result: BatchResult | null;
	run: Promise<void>;
}

/**
 * Group commit: a transaction starts as soon as a slot is free, with whatever has queued meanwhile
 * (one message when idle, up to maxBatch under load) — low latency and high throughput without a
 * timer. PUBACKs go out only after the commit, in the order the messages arrived
 * [MQTT-4.6.0-2]. A failed transaction keeps its batch and is retried with backoff; nothing after
 * it is acked meanwhile.
 */
export class IngestWriter {
	#queue: Pending[] = [];
	/** Items at the head of the queue taken by flights. */
	#claimed = 0;
	#flights: Flight[] = [];
	#bytes = 0;
	#scheduled = false;
	#stopping = false;
	#failures = 0;
	#lastCommitAt: Date | null = null;
	#lastError: string | null = null;
	readonly #maxBytes: number;

	constructor(private readonly opts: WriterOptions) {
		this.#maxBytes = opts.maxPendingBytes ?? 64 * 1024 * 1024;
	}

	get size() {
		return this.#queue.length;
	}
	get lastCommitAt() {
		return this.#lastCommitAt;
	}
	get lastError() {
		return this.#lastError;
	}
	/** Commits failed in a row (0 when the last one succeeded): health degrades at 3. */
	get failures() {
		return this.#failures;
	}
	/** Age of the oldest message not yet committed (0 when none): the ingest lag. */
	lagMs(now = Date.now()): number {
		return this.#queue.length ? now - this.#queue[0].receivedAt.getTime() : 0;
	}

	isFull(): boolean {
		return this.#queue.length >= this.opts.maxPending || this.#bytes >= this.#maxBytes;
	}

	enqueue(msg: Incoming): void {
		// Validated once, here, before any write; the message itself is queued (no copy of it).
		msg.parsed ??= parseMessage(msg.topic, msg.payload, this.opts.now?.() ?? msg.receivedAt);
		this.#queue.push(msg as Pending);
		this.#bytes += msg.payload.length;
		this.#kick();
	}

	#kick(): void {
		// Idle: wait one macrotask, so that all the messages of one socket read (handed over one by
		// one on nextTick) go into the first transaction instead of one alone.
		if (this.#flights.length === 0) {
			if (!this.#scheduled) {
				this.#scheduled = true;
				setImmediate(() => {
					this.#scheduled = false;
					this.#launch();
				});
			}
			return;
		}
		this.#launch();
	}

	#launch(): void {
		const slots = this.opts.concurrency ?? 1;
		while (!this.#stopping && this.#flights.length < slots && this.#queue.length > this.#claimed) {
			const items = this.#queue.slice(this.#claimed, this.#claimed + this.opts.maxBatch);
			this.#claimed += items.length;
			const flight: Flight = { items, result: null, run: Promise.resolve() };
			flight.run = this.#fly(flight);
			this.#flights.push(flight);
		}
	}

	async #fly(flight: Flight): Promise<void> {
		for (;;) {
			const started = performance.now();
			try {
				flight.result = await this.#commit(flight.items);
			} catch (err) {
				if (this.#stopping) return; // not acked: the broker redelivers
				await this.#backoff(err, flight.items.length);
				continue;
			}
			metrics.commitSeconds.observe((performance.now() - started) / 1000);
			metrics.batchSize.observe(flight.items.length);
			if (this.#failures) this.opts.log.info({ after: this.#failures }, 'ingest commits again');
			this.#failures = 0;
			this.#lastError = null;
			this.#lastCommitAt = new Date();
			this.#land();
			this.#launch();
			return;
		}
	}

	/** Acks every committed batch at the head of the line, in order. */
	#land(): void {
		while (this.#flights[0]?.result) {
			const { items, result } = this.#flights.shift() as Flight & { result: BatchResult };
			this.#queue.splice(0, items.length);
			this.#claimed -= items.length;
			this.#bytes -= items.reduce((n, b) => n + b.payload.length, 0);
			metrics.pending.set(this.#queue.length);
			// PUBACK only after commit: redelivery is harmless, loss is not.
			for (const item of items) item.ack();
			countOutcomes(result.outcomes);
			this.opts.onCommit?.(result, items);
		}
		if (!this.isFull()) this.opts.onDrain?.();
	}

	/**
	 * Commits a batch. When the database refuses the data itself (not an outage), the batch is split
	 * until the message it refuses is alone, and that one is dead-lettered with the database's
	 * reason: one bad message must never hold back the rest forever. A half committed before an
	 * outage is committed again later as duplicates, which the dedup key makes harmless.
	 */
	async #commit(batch: Pending[]): Promise<BatchResult> {
		try {
			return await this.opts.db.transaction((tx) => writeBatch(tx, batch));
		} catch (err) {
			if (!isDataError(err)) throw err;
			if (batch.length === 1) {
				const [item] = batch;
				const detail = `the database refused it: ${err instanceof Error ? err.message : err}`;
				this.opts.log.warn({ topic: item.topic, detail }, 'ingest: message dead-lettered');
				const family = item.parsed.ok ? item.parsed.message.family : item.parsed.family;
				const parsed: Rejection = {
					ok: false,
					family,
					reason: 'db_rejected',
					detail,
					msgId: null,
					sender: null
				};
				return this.opts.db.transaction((tx) => writeBatch(tx, [{ ...item, parsed }]));
			}
			const mid = batch.length >> 1;
			const a = await this.#commit(batch.slice(0, mid));
			const b = await this.#commit(batch.slice(mid));
			return {
				outcomes: [...a.outcomes, ...b.outcomes],
				changes: a.changes + b.changes,
				emergencies: [...a.emergencies, ...b.emergencies],
				deadLetters: [...a.deadLetters, ...b.deadLetters]
			};
		}
	}

	async #backoff(err: unknown, size: number): Promise<void> {
		this.#failures++;
		this.#lastError = err instanceof Error ? err.message : String(err);
		metrics.commitFailures.inc();
		const delay = Math.min(5000, 100 * 2 ** Math.min(this.#failures - 1, 6));
		this.opts.log.warn(
			{ err: this.#lastError, batch: size, attempt: this.#failures, retryInMs: delay },
			'ingest commit failed; holding acks and retrying'
		);
		await new Promise((r) => setTimeout(r, delay));
	}

	/** Finishes the batches in flight (commit and ack) and stops; the rest is redelivered. */
	async stop(): Promise<void> {
		this.#stopping = true;
		await Promise.all(this.#flights.map((f) => f.run));
	}
}

/** One counter increment per (family, outcome) and reason in a batch, not one per message. */
function countOutcomes(outcomes: BatchResult['outcomes']): void {
	const byLabel = new Map<string, number>();
	for (const o of outcomes) {
		const k = `${o.family}\t${o.outcome}\t${o.reason ?? ''}`;
		byLabel.set(k, (byLabel.get(k) ?? 0) + 1);
	}
	for (const [k, n] of byLabel) {
		const [family, outcome, reason] = k.split('\t');
		metrics.messages.inc({ family, outcome }, n);
		if (reason) metrics.rejections.inc({ reason }, n);
	}
}

/**
 * SQLSTATE classes that blame the data, not the connection: 22 data exception (out of range,
 * untranslatable character...), 23 integrity constraint, 54 program limit (a value too large).
 */
export function isDataError(err: unknown): boolean {
	const code = (err as { code?: unknown } | null)?.code;
	return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}
