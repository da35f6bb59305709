/**
 * A stream client that stops reading but stays connected would make the server buffer every change
 * for it. Past this many unread bytes it is cut off; it reconnects with Last-Event-ID and resumes
 * from the change log.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/**
 * Open live streams, counted per principal and in all. Each holds a connection and a place in
 * the hub's fan-out: a client that reconnects in a loop, or a leaked token, must not exhaust them
 * for the walls. `take` answers which cap refused, or a function that frees the place.
 */
export class StreamSlots {
	#total = 0;
	readonly #byKey = new Map<string, number>();

	constructor(readonly limits: () => { perPrincipal: number; total: number }) {}

	get open(): number {
		return this.#total;
	}

	take(key: string): 'principal' | 'total' | (() => void) {
		const { perPrincipal, total } = this.limits();
		const mine = this.#byKey.get(key) ?? 0;
		if (this.#total >= total) return 'total';
		if (mine >= perPrincipal) return 'principal';
		this.#total++;
		this.#byKey.set(key, mine + 1);
		let freed = false;
		return () => {
			if (freed) return;
			freed = true;
			this.#total--;
			const left = (this.#byKey.get(key) ?? 1) - 1;
			if (left > 0) this.#byKey.set(key, left);
			else this.#byKey.delete(key);
		};
	}
}
