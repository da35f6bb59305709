/**
 * A sorted list of a chunked map's values, kept up to date from the map's changes: one live update
 * moves one row (two binary searches and a copy of the list) instead of sorting every row again.
 * The order must be total (break ties by id), so that a row is found again by searching for it.
 */
import type { ChunkedMap } from '$lib/live/chunked-map';

/** Past this share of changed rows, sorting everything again is cheaper. */
const RESORT_SHARE = 1 / 16;

export class SortedView<T> {
	#source: ChunkedMap<T> | null = null;
	#rows: readonly T[] = [];
	readonly #compare: (a: T, b: T) => number;
	readonly #keep: (row: T) => boolean;

	constructor(compare: (a: T, b: T) => number, keep: (row: T) => boolean = () => true) {
		this.#compare = compare;
		this.#keep = keep;
	}

	/**
	 * The kept values of `source` in order: a new array when anything changed. `reorder` says the
	 * order itself changed since the last call (a comparison reads something besides the rows).
	 */
	update(source: ChunkedMap<T>, reorder = false): readonly T[] {
		const before = this.#source;
		const changes = before && !reorder ? source.changesSince(before) : null;
		this.#source = source;
		if (changes === null || changes.length > Math.max(8, source.size * RESORT_SHARE)) {
			this.#rows = [...source.values()].filter(this.#keep).sort(this.#compare);
			return this.#rows;
		}
		if (changes.length === 0) return this.#rows;
		const rows = this.#rows.slice();
		for (const key of changes) {
			const old = (before as ChunkedMap<T>).get(key);
			const row = source.get(key);
			if (old === row) continue;
			if (old !== undefined && this.#keep(old)) {
				const at = this.#find(rows, old);
				if (at >= 0) rows.splice(at, 1);
			}
			if (row !== undefined && this.#keep(row)) rows.splice(this.#insertAt(rows, row), 0, row);
		}
		this.#rows = rows;
		return rows;
	}

	/** The first index whose row does not sort before `row`. */
	#insertAt(rows: readonly T[], row: T): number {
		let lo = 0;
		let hi = rows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.#compare(rows[mid], row) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	#find(rows: readonly T[], row: T): number {
		for (let i = this.#insertAt(rows, row); i < rows.length; i++) {
			if (rows[i] === row) return i;
			if (this.#compare(rows[i], row) !== 0) break;
		}
		return rows.indexOf(row); // not where the order puts it: the order changed unannounced
	}
}
