/**
 * The scenario clock: scenario seconds as a function of wall-clock time, with pause, resume, speed
 * and jumps. The time source is injected (`now`), so tests move time by hand and never wait.
 */
export interface TimeSource {
	/** Wall-clock time in epoch milliseconds. */
	now(): number;
	/** Calls `fn` every `ms` milliseconds until the returned function is called. */
	every(ms: number, fn: () => void): () => void;
}

export const realTime: TimeSource = {
	now: () => Date.now(),
	every(ms, fn) {
		const handle = setInterval(fn, ms);
		return () => clearInterval(handle);
	}
};

export class ScenarioClock {
	#running = false;
	#speed: number;
	/** Scenario seconds and wall time at the last change of pace (start, pause, speed, jump). */
	#anchorSec = 0;
	#anchorWall: number;

	constructor(
		private readonly time: TimeSource,
		speed = 1
	) {
		this.#speed = speed;
		this.#anchorWall = time.now();
	}

	get running() {
		return this.#running;
	}
	get speed() {
		return this.#speed;
	}

	/** Scenario seconds now. */
	sec(): number {
		if (!this.#running) return this.#anchorSec;
		return this.#anchorSec + ((this.time.now() - this.#anchorWall) / 1000) * this.#speed;
	}

	/**
	 * The wall time at which the clock passed `sec`, never before the last change of pace nor after
	 * now: what a message about that moment carries as its `ts`.
	 */
	wallAt(sec: number): number {
		const now = this.time.now();
		if (!this.#running) return now;
		const t = this.#anchorWall + ((sec - this.#anchorSec) / this.#speed) * 1000;
		return Math.round(Math.min(now, Math.max(this.#anchorWall, t)));
	}

	/**
	 * The wall time `seconds` of scenario time after `sec`, at the present speed: a deadline set in
	 * scenario time (a request needed within the hour). A later change of speed does not move it.
	 */
	wallAhead(sec: number, seconds: number): number {
		return this.wallAt(sec) + Math.round((seconds / this.#speed) * 1000);
	}

	#rebase(sec = this.sec()): void {
		this.#anchorSec = sec;
		this.#anchorWall = this.time.now();
	}

	start(): void {
		this.#rebase();
		this.#running = true;
	}

	pause(): void {
		this.#rebase();
		this.#running = false;
	}

	setSpeed(speed: number): void {
		this.#rebase();
		this.#speed = speed;
	}

	/** Sets the scenario time (a jump); the pace carries on from there. */
	jump(sec: number): void {
		this.#rebase(sec);
	}

	reset(): void {
		this.#running = false;
		this.#rebase(0);
	}
}
