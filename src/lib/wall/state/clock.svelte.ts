/** A ticking wall clock as a rune: `clock.now` (ms) updates every `intervalMs` while started. */
export class Clock {
	#now = $state(Date.now());

	get now(): number {
		return this.#now;
	}

	/** Start ticking; returns the stop function (fits `$effect`'s cleanup). */
	start(intervalMs = 1000): () => void {
		this.#now = Date.now();
		const id = setInterval(() => (this.#now = Date.now()), intervalMs);
		return () => clearInterval(id);
	}
}
