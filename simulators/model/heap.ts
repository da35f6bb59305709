/**
 * A max-heap of grid cell indices keyed by a number, on typed arrays: the Flow-R spreading visits up
 * to millions of cells and a heap of objects would cost more in allocation than the model itself.
 * Hand-written because none of the installed packages has one and it is thirty lines.
 * Duplicate pushes are allowed (the caller skips stale entries when it pops).
 */
export class MaxHeap {
	private idx: Int32Array;
	private key: Float64Array;
	size = 0;

	constructor(capacity = 1024) {
		this.idx = new Int32Array(capacity);
		this.key = new Float64Array(capacity);
	}

	push(i: number, k: number): void {
		if (this.size === this.idx.length) {
			const idx = new Int32Array(this.size * 2);
			const key = new Float64Array(this.size * 2);
			idx.set(this.idx);
			key.set(this.key);
			this.idx = idx;
			this.key = key;
		}
		let n = this.size++;
		while (n > 0) {
			const parent = (n - 1) >> 1;
			if (this.key[parent] >= k) break;
			this.idx[n] = this.idx[parent];
			this.key[n] = this.key[parent];
			n = parent;
		}
		this.idx[n] = i;
		this.key[n] = k;
	}

	/** Key of the top entry (only when size > 0). */
	topKey(): number {
		return this.key[0];
	}

	/** Removes and returns the index with the largest key (only when size > 0). */
	pop(): number {
		const top = this.idx[0];
		const lastI = this.idx[--this.size];
		const lastK = this.key[this.size];
		let n = 0;
		for (;;) {
			let child = 2 * n + 1;
			if (child >= this.size) break;
			if (child + 1 < this.size && this.key[child + 1] > this.key[child]) child++;
			if (this.key[child] <= lastK) break;
			this.idx[n] = this.idx[child];
			this.key[n] = this.key[child];
			n = child;
		}
		this.idx[n] = lastI;
		this.key[n] = lastK;
		return top;
	}
}
