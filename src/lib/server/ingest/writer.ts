import { parseMessage } from '$lib/contracts';
import type { Database } from '../db/types';
import type { Logger } from '../log';
import * as metrics from '../metrics';
import { writeBatch, type BatchItem, type BatchResult } from './batch';
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
	onCommit?(result: BatchResult): void;
	onDrain?(): void;
}

type Pending = BatchItem & { ack(): void };

/**
 * Group commit: the next transaction starts as soon as the previous one ends, with whatever has
 * queued meanwhile (one message when idle, up to maxBatch under load) — low latency and high
 * throughput without a timer. PUBACKs go out only after the commit. A failed transaction keeps
 * its batch at the head of the queue and is retried with backoff; nothing is acked meanwhile.
 */
export class IngestWriter {
	#queue: Pending[] = [];
	#bytes = 0;
	#running: Promise<void> | null = null;
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
		const now = this.opts.now?.() ?? new Date();
		this.#queue.push({
			topic: msg.topic,
			payload: msg.payload,
			receivedAt: msg.receivedAt,
			ack: msg.ack,
			parsed: parseMessage(msg.topic, msg.payload, now)
		});
		this.#bytes += msg.payload.length;
		metrics.pending.set(this.#queue.length);
		this.#kick();
	}

	#kick(): void {
		if (this.#running || this.#stopping) return;
		this.#running = this.#loop().finally(() => {
			this.#running = null;
			if (this.#queue.length && !this.#stopping) this.#kick();
		});
	}

	async #loop(): Promise<void> {
		while (this.#queue.length && !this.#stopping) {
			const batch = this.#queue.slice(0, this.opts.maxBatch);
			const started = performance.now();
			let result: BatchResult;
			try {
				result = await this.#commit(batch);
			} catch (err) {
				await this.#backoff(err, batch.length);
				continue;
			}
			metrics.commitSeconds.observe((performance.now() - started) / 1000);
			metrics.batchSize.observe(batch.length);
			this.#queue.splice(0, batch.length);
			this.#bytes -= batch.reduce((n, b) => n + b.payload.length, 0);
			metrics.pending.set(this.#queue.length);
			// PUBACK only after commit: redelivery is harmless, loss is not.
			for (const item of batch) item.ack();
			for (const o of result.outcomes) {
				metrics.messages.inc({ family: o.family, outcome: o.outcome });
				if (o.reason) metrics.rejections.inc({ reason: o.reason });
			}
			if (this.#failures) this.opts.log.info({ after: this.#failures }, 'ingest commits again');
			this.#failures = 0;
			this.#lastError = null;
			this.#lastCommitAt = new Date();
			this.opts.onCommit?.(result);
			if (!this.isFull()) this.opts.onDrain?.();
		}
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
				const parsed = {
					ok: false,
					family,
					reason: 'db_rejected',
					detail,
					msgId: null,
					sender: null
				};
				return this.opts.db.transaction((tx) => writeBatch(tx, [{ ...item, parsed } as BatchItem]));
			}
			const mid = batch.length >> 1;
			const a = await this.#commit(batch.slice(0, mid));
			const b = await this.#commit(batch.slice(mid));
			return { outcomes: [...a.outcomes, ...b.outcomes], changes: a.changes + b.changes };
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

	/** Finishes the batch in flight (commit and ack) and stops; the rest is redelivered. */
	async stop(): Promise<void> {
		const running = this.#running;
		this.#stopping = true;
		await running;
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
