/**
 * The outbox's sender for one channel: its own loop, its own rate limit, so a slow or dead
 * channel never holds up another. It claims due rows (store.ts, committed before anything is
 * handed over), sends them through the channel at most `ratePerSecond` a second, and writes
 * each batch's outcomes in one statement: sent, queued again after a backoff, or failed.
 * It polls every `pollMs` and wakes at once on poke() (a commit that queued messages).
 */
import type { Database } from '../../db/types';
import type { Logger } from '../../ops/log';
import * as metrics from '../../ops/metrics';
import type { Channel, SendResult } from '../channel';
import { DEFAULT_RETRY, nextAttempt, type RetryPolicy } from './backoff';
import { TokenBucket } from './rate';
import {
	claimDue,
	markHanded,
	release,
	renewLease,
	writeOutcomes,
	type Claimed,
	type Outcome
} from './store';

export interface SenderOptions {
	db: Database;
	channel: Channel;
	/** This instance's id: the lease owner of what it claims. */
	owner: string;
	log: Logger;
	/** Overrides channel.ratePerSecond; Infinity lifts the limit (the bench). */
	ratePerSecond?: number;
	retry?: RetryPolicy;
	/** How long a claim holds before it counts as in doubt; renewed while the batch runs. */
	leaseMs?: number;
	pollMs?: number;
	/** Most rows claimed at once (fewer for a slow channel: about two seconds' worth). */
	maxBatch?: number;
	/** Sends in flight at once (within the rate limit); 8 by default. */
	concurrency?: number;
	/** After each batch is written: the sources (`kind:id`) whose rows changed. */
	onProgress?(sources: ReadonlySet<string>): void;
}

export const DEFAULT_LEASE_MS = 60_000;

export class OutboxSender {
	readonly bucket: TokenBucket;
	readonly #o: Required<Omit<SenderOptions, 'onProgress' | 'ratePerSecond'>> &
		Pick<SenderOptions, 'onProgress'>;
	#loop: Promise<void> | null = null;
	#stop = new AbortController();
	#wake: (() => void) | null = null;
	#poked = false;
	#batch: number;
	/** The channel asked for a pause (429 Retry-After, SMPP throttling): nothing is handed over till then. */
	#pausedUntil = 0;

	constructor(o: SenderOptions) {
		const rate = o.ratePerSecond ?? o.channel.ratePerSecond;
		this.bucket = new TokenBucket(rate);
		const concurrency = o.concurrency ?? 8;
		// A channel that cannot be asked after a crash claims no more than it has in flight: a
		// kill then leaves at most `concurrency` of its messages `unknown`, not a whole batch.
		const maxBatch = o.channel.lookup
			? (o.maxBatch ?? 200)
			: Math.min(o.maxBatch ?? 200, concurrency);
		this.#batch = Number.isFinite(rate)
			? Math.max(1, Math.min(maxBatch, Math.ceil(rate * 2)))
			: maxBatch;
		this.#o = {
			retry: DEFAULT_RETRY,
			leaseMs: DEFAULT_LEASE_MS,
			pollMs: 1000,
			...o,
			maxBatch,
			concurrency
		};
	}

	get channel(): Channel {
		return this.#o.channel;
	}

	start(): void {
		this.#loop ??= this.#run();
	}

	/** Something was queued: claim now rather than at the next poll. */
	poke(): void {
		this.#poked = true;
		this.#wake?.();
	}

	/**
	 * Stops claiming; the sends in flight finish and are written; rows claimed but not yet
	 * handed over go back to the queue. Nothing is left half-written.
	 */
	async stop(): Promise<void> {
		this.#stop.abort();
		this.#wake?.();
		await this.#loop;
	}

	async #run(): Promise<void> {
		const { log, pollMs } = this.#o;
		while (!this.#stop.signal.aborted) {
			let full = false;
			try {
				full = (await this.#pass()) === this.#batch;
			} catch (err) {
				log.warn({ channel: this.channel.name, err: String(err) }, 'outbox: sender pass failed');
			}
			const pause = this.#pausedUntil - Date.now();
			if (pause > 0) await this.#idle(pause, true);
			else if (!full) await this.#idle(pollMs);
		}
	}

	async #idle(ms: number, ignorePokes = false): Promise<void> {
		if (this.#poked && !ignorePokes) {
			this.#poked = false;
			return;
		}
		await new Promise<void>((resolve) => {
			const t = setTimeout(done, ms);
			function done() {
				clearTimeout(t);
				resolve();
			}
			this.#wake = ignorePokes ? () => this.#stop.signal.aborted && done() : done;
			if (this.#stop.signal.aborted) done();
		});
		this.#wake = null;
		this.#poked = false;
	}

	/** One batch: claim, send within the limit, write. Returns how many rows were claimed. */
	async #pass(): Promise<number> {
		const { db, owner, leaseMs, log } = this.#o;
		const name = this.channel.name;
		const rows = await claimDue(db, name, owner, leaseMs, this.#batch);
		if (rows.length === 0) return 0;
		const outcomes: Outcome[] = [];
		const handed = new Set<number>();
		const inflight = new Set<Promise<void>>();
		// A long batch (a slow channel) keeps its claim: only a dead instance's lease runs out.
		const renew = setInterval(() => {
			const ids = rows.filter((r) => !outcomes.some((o) => o.id === r.id)).map((r) => r.id);
			renewLease(db, owner, leaseMs, ids).catch((err) =>
				log.warn({ channel: name, err: String(err) }, 'outbox: lease renewal failed')
			);
		}, leaseMs / 3);
		try {
			for (const row of rows) {
				if (this.#stop.signal.aborted || this.#pausedUntil > Date.now()) break;
				while (inflight.size >= this.#o.concurrency) await Promise.race(inflight);
				if (!(await this.bucket.take(this.#stop.signal))) break;
				// Written before the hand-over, so a crash tells "never sent" from "in doubt"; by the
				// channel itself just before its last irrevocable write, where it can.
				const handOver = () => this.#persist(() => markHanded(db, owner, row.id));
				if (!this.channel.marksHandOver && !(await handOver())) continue;
				handed.add(row.id);
				const p = this.#sendOne(row, handOver).then((o) => {
					outcomes.push(o);
					inflight.delete(p);
				});
				inflight.add(p);
			}
			await Promise.all(inflight);
		} finally {
			clearInterval(renew);
		}
		const written = new Set(await this.#persist(() => writeOutcomes(db, owner, outcomes)));
		const lost = outcomes.filter((o) => !written.has(o.id));
		if (lost.length > 0)
			log.warn({ channel: name, ids: lost.map((o) => o.id) }, 'outbox: lease lost before writing');
		const unhanded = rows.filter((r) => !handed.has(r.id)).map((r) => r.id);
		await this.#persist(() => release(db, owner, unhanded));
		this.#count(rows, outcomes);
		const sources = new Set(rows.map((r) => `${r.sourceKind}:${r.sourceId}`));
		this.#o.onProgress?.(sources);
		return rows.length;
	}

	/**
	 * What the channel said is written even if the database is away for a while: given up, the
	 * rows would come into doubt when the lease runs out, and a channel that cannot be asked
	 * would leave them `unknown` though the answer was known.
	 */
	async #persist<T>(write: () => Promise<T>): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await write();
			} catch (err) {
				if (attempt >= 10) throw err;
				this.#o.log.warn(
					{ channel: this.channel.name, attempt, err: String(err) },
					'outbox: writing outcomes failed; trying again'
				);
				await new Promise((r) => setTimeout(r, Math.min(this.#o.leaseMs / 20, 1000 * attempt)));
			}
		}
	}

	async #sendOne(row: Claimed, handOver: () => Promise<boolean>): Promise<Outcome> {
		let r: SendResult;
		try {
			r = await this.channel.send(
				{ key: row.key, address: row.address, subject: row.subject, body: row.body },
				handOver
			);
		} catch (err) {
			// The interface says send never throws; an adapter that does is retried, not lost.
			r = { ok: false, retry: true, reason: err instanceof Error ? err.message : String(err) };
		}
		if (r.ok) return { id: row.id, status: 'sent', externalId: r.externalId ?? null };
		if (!r.retry) return { id: row.id, status: 'failed', error: r.reason };
		if (r.retryAfterMs)
			this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + r.retryAfterMs);
		const d = nextAttempt(
			this.#o.retry,
			row.attempts,
			Date.now() - row.createdAt.getTime(),
			r.reason,
			r.retryAfterMs
		);
		return d.retry
			? { id: row.id, status: 'queued', delayMs: d.delayMs, error: r.reason }
			: { id: row.id, status: 'failed', error: d.reason };
	}

	#count(rows: readonly Claimed[], outcomes: readonly Outcome[]): void {
		const channel = this.channel.name;
		const created = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
		const now = Date.now();
		for (const o of outcomes) {
			if (o.status === 'sent') {
				metrics.outboxSent.inc({ channel });
				metrics.outboxLatency.observe({ channel }, (now - (created.get(o.id) ?? now)) / 1000);
			} else
				metrics.outboxFailures.inc({
					channel,
					outcome: o.status === 'queued' ? 'retry' : 'failed'
				});
		}
	}
}
