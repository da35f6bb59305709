/**
 * An immutable map from string keys, in insertion order, stored in chunks of CHUNK entries: a
 * change copies one chunk and the short list of chunks, not every entry. The wall's reducer holds
 * 10,000 teams; copying a whole Map per live update cost more than the update itself.
 *
 * - `with` and `without` return a new map and leave this one as it was. An unchanged chunk keeps
 *   its identity from one version to the next, so work done per chunk can be remembered by chunk
 *   (`chunks()`, and a WeakMap keyed by the chunk).
 * - Iteration follows insertion order, as a Map's does: a new key goes last, setting a held key
 *   keeps its place, a key deleted and set again goes last.
 * - `changesSince(older)` names the keys set or deleted between an earlier version and this one,
 *   so a consumer can update what it derived instead of deriving it again from every entry.
 *
 * How: a key's slot (its place in insertion order) is looked up in an index shared by the
 * versions of one line of history, and checked against the key stored in that slot. Only the
 * newest version of a line may add to the index; changing an older version (a branch) or setting
 * a deleted key again starts a new line with its own index, which costs a copy of every key.
 */

export const CHUNK = 128;
/** Changes remembered per line of history for `changesSince`. */
const LOG = 1024;

/** One chunk: keys[i] is undefined where an entry was deleted. Never mutated once shared. */
export interface Chunk<V> {
	readonly keys: readonly (string | undefined)[];
	readonly values: readonly (V | undefined)[];
}

/** What versions of one line of history share. Mutated only by the newest version. */
class Line {
	readonly index: Map<string, number>;
	/** The newest version's number: only that version may add to the index or the log. */
	version = 0;
	readonly log: string[] = [];
	constructor(index: Map<string, number>) {
		this.index = index;
	}
	record(key: string): number {
		this.log[++this.version % LOG] = key;
		return this.version;
	}
}

export class ChunkedMap<V> implements ReadonlyMap<string, V> {
	readonly #chunks: readonly Chunk<V>[];
	/** Slots used, deleted ones included. */
	readonly #slots: number;
	readonly #size: number;
	readonly #line: Line;
	readonly #version: number;

	private constructor(
		chunks: readonly Chunk<V>[],
		slots: number,
		size: number,
		line: Line,
		version: number
	) {
		this.#chunks = chunks;
		this.#slots = slots;
		this.#size = size;
		this.#line = line;
		this.#version = version;
	}

	static empty<V>(): ChunkedMap<V> {
		return new ChunkedMap<V>([], 0, 0, new Line(new Map()), 0);
	}

	/** A new line of history from entries (a later entry for the same key wins, in its first place). */
	static from<V>(entries: Iterable<readonly [string, V]>): ChunkedMap<V> {
		const index = new Map<string, number>();
		const keys: string[] = [];
		const values: V[] = [];
		for (const [key, value] of entries) {
			const at = index.get(key);
			if (at !== undefined) {
				values[at] = value;
				continue;
			}
			index.set(key, keys.length);
			keys.push(key);
			values.push(value);
		}
		const chunks: Chunk<V>[] = [];
		for (let i = 0; i < keys.length; i += CHUNK) {
			chunks.push({ keys: keys.slice(i, i + CHUNK), values: values.slice(i, i + CHUNK) });
		}
		return new ChunkedMap(chunks, keys.length, keys.length, new Line(index), 0);
	}

	get size(): number {
		return this.#size;
	}

	#slotOf(key: string): number {
		const slot = this.#line.index.get(key);
		if (slot === undefined || slot >= this.#slots) return -1;
		return this.#chunks[Math.floor(slot / CHUNK)].keys[slot % CHUNK] === key ? slot : -1;
	}

	get(key: string): V | undefined {
		const slot = this.#slotOf(key);
		return slot < 0 ? undefined : this.#chunks[Math.floor(slot / CHUNK)].values[slot % CHUNK];
	}

	has(key: string): boolean {
		return this.#slotOf(key) >= 0;
	}

	/** This map with `key` set to `value`; this map itself when it already holds that value. */
	with(key: string, value: V): ChunkedMap<V> {
		const slot = this.#slotOf(key);
		if (slot >= 0) {
			if (this.#chunks[Math.floor(slot / CHUNK)].values[slot % CHUNK] === value) return this;
			const line = this.#ownLine();
			const chunks = withSlot(this.#chunks, slot, key, value);
			return new ChunkedMap(chunks, this.#slots, this.#size, line, line.record(key));
		}
		// A new key goes last. The index may still name it (deleted here, or added by a newer
		// version): then this version starts a line of its own.
		const line =
			this.#version === this.#line.version && !this.#line.index.has(key)
				? this.#line
				: this.#fork();
		const at = this.#slots;
		line.index.set(key, at);
		const chunks = withSlot(this.#chunks, at, key, value);
		return new ChunkedMap(chunks, at + 1, this.#size + 1, line, line.record(key));
	}

	/** This map without `key`; this map itself when it does not hold it. */
	without(key: string): ChunkedMap<V> {
		const slot = this.#slotOf(key);
		if (slot < 0) return this;
		const line = this.#ownLine();
		const chunks = withSlot(this.#chunks, slot, undefined, undefined);
		const size = this.#size - 1;
		// Many deleted slots: pack them (a new line; changesSince an older version says "unknown").
		if (this.#slots - size > Math.max(CHUNK, size)) {
			return ChunkedMap.from(new ChunkedMap(chunks, this.#slots, size, line, 0).entries());
		}
		return new ChunkedMap(chunks, this.#slots, size, line, line.record(key));
	}

	/** The line this version may change in place, or a new one when a newer version exists. */
	#ownLine(): Line {
		return this.#version === this.#line.version ? this.#line : this.#fork();
	}

	/** A new line of history from this version: an index of its keys, in their slots. */
	#fork(): Line {
		const index = new Map<string, number>();
		this.#chunks.forEach(({ keys }, c) => {
			keys.forEach((key, i) => {
				if (key !== undefined) index.set(key, c * CHUNK + i);
			});
		});
		return new Line(index);
	}

	/**
	 * Keys set or deleted from `older` to this version (each once, in no set order), or null when
	 * that is not known: `older` is not an earlier version of this map's line, or too many
	 * changes ago. Null means: derive again from every entry.
	 */
	changesSince(older: ChunkedMap<V>): string[] | null {
		if (older === this) return [];
		if (older.#line !== this.#line) return null;
		const from = older.#version;
		const to = this.#version;
		if (from > to || to - from > LOG) return null;
		const keys = new Set<string>();
		for (let v = from + 1; v <= to; v++) keys.add(this.#line.log[v % LOG]);
		return [...keys];
	}

	/** The chunks in order. An unchanged chunk is the same object in every version that holds it. */
	chunks(): readonly Chunk<V>[] {
		return this.#chunks;
	}

	*entries(): MapIterator<[string, V]> {
		for (const chunk of this.#chunks) {
			const { keys, values } = chunk;
			for (let i = 0; i < keys.length; i++) {
				const key = keys[i];
				if (key !== undefined) yield [key, values[i] as V];
			}
		}
	}

	*keys(): MapIterator<string> {
		for (const [key] of this.entries()) yield key;
	}

	*values(): MapIterator<V> {
		for (const chunk of this.#chunks) {
			const { keys, values } = chunk;
			for (let i = 0; i < keys.length; i++) if (keys[i] !== undefined) yield values[i] as V;
		}
	}

	[Symbol.iterator](): MapIterator<[string, V]> {
		return this.entries();
	}

	forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
		for (const [key, value] of this.entries()) fn(value, key, this);
	}
}

/** A copy of the chunk list with one slot written (appending a chunk when the slot is past the end). */
function withSlot<V>(
	chunks: readonly Chunk<V>[],
	slot: number,
	key: string | undefined,
	value: V | undefined
): Chunk<V>[] {
	const c = Math.floor(slot / CHUNK);
	const i = slot % CHUNK;
	const next = chunks.slice();
	const old = chunks[c] ?? { keys: [], values: [] };
	const keys = old.keys.slice();
	const values = old.values.slice();
	keys[i] = key;
	values[i] = value;
	next[c] = { keys, values };
	return next;
}
