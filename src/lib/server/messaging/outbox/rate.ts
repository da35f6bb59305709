/**
 * A token bucket: at most `ratePerSecond` messages a second on average, with a burst of `burst`
 * (one second's worth by default). A tiny class rather than a package: the sender needs only
 * `take()`, and the clock is injectable so the unit test needs no timing.
 */
export class TokenBucket {
	#tokens: number;
	#last: number;
	readonly burst: number;

	constructor(
		readonly ratePerSecond: number,
		burst?: number,
		private readonly now: () => number = () => performance.now()
	) {
		if (!(ratePerSecond > 0)) throw new Error('ratePerSecond must be greater than 0');
		this.burst = Math.max(1, burst ?? Math.ceil(ratePerSecond));
		this.#tokens = this.burst;
		this.#last = this.now();
	}

	/** No limit: `Infinity` lifts it (the bench compares with and without). */
	get unlimited(): boolean {
		return !Number.isFinite(this.ratePerSecond);
	}

	#refill(): void {
		const t = this.now();
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((t - this.#last) / 1000) * this.ratePerSecond
		);
		this.#last = t;
	}

	/** Takes a token if one is there: 0; else how many ms until one is (nothing taken). */
	tryTake(): number {
		if (this.unlimited) return 0;
		this.#refill();
		if (this.#tokens >= 1) {
			this.#tokens -= 1;
			return 0;
		}
		return Math.ceil(((1 - this.#tokens) / this.ratePerSecond) * 1000);
	}

	/** Waits for a token; `signal` ends the wait early (returns false then). */
	async take(signal?: AbortSignal): Promise<boolean> {
		for (;;) {
			if (signal?.aborted) return false;
			const wait = this.tryTake();
			if (wait === 0) return true;
			await sleep(wait, signal);
		}
	}
}

/** A sleep that an abort ends at once. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const done = () => {
			clearTimeout(t);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const t = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}
