/** What the drill will do, in scenario-time order; ties keep the order they were scheduled in. */
export interface Action {
	sec: number;
	run(): Promise<void>;
}

interface Entry extends Action {
	seq: number;
}

/** A small priority queue (sorted insert): a drill holds at most a few hundred pending actions. */
export class ActionQueue {
	#items: Entry[] = [];
	#seq = 0;

	get size() {
		return this.#items.length;
	}

	push(action: Action): void {
		const entry = { ...action, seq: this.#seq++ };
		let lo = 0;
		let hi = this.#items.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const m = this.#items[mid];
			if (m.sec < entry.sec || (m.sec === entry.sec && m.seq < entry.seq)) lo = mid + 1;
			else hi = mid;
		}
		this.#items.splice(lo, 0, entry);
	}

	/** The next action due at or before `sec`, removed from the queue; null when none is due. */
	popDue(sec: number): Action | null {
		const head = this.#items[0];
		if (!head || head.sec > sec) return null;
		this.#items.shift();
		return head;
	}

	clear(): void {
		this.#items = [];
	}
}
