/**
 * Work per chunk of a live collection (chunked-map.ts), remembered per chunk: a function of a
 * chunk's values runs again only for the chunks a change replaced, so the boards and the map
 * layers redo one chunk per live update instead of every row.
 */
import type { Chunk, ChunkedMap } from '$lib/live/chunked-map';

/** A collection as the layers receive it: the live chunked map, or a plain Map or array. */
export type Source<V> = ChunkedMap<V> | ReadonlyMap<string, V> | readonly V[];

/**
 * A function of one chunk's values (and their keys), remembered per chunk: over a chunked map it
 * runs again only for the chunks a change replaced. A plain Map or array is one part, remembered
 * per object.
 */
export function perChunk<V, R>(fn: (values: readonly V[], keys: readonly string[]) => R) {
	// A chunk's result is kept on the chunk (a new chunk comes with every live update); a plain
	// Map or array, which changes seldom, in a WeakMap.
	const onChunk = objectSlot<R>();
	const byObject = new WeakMap<object, R>();
	const memo = (key: object, make: () => R): R => {
		let r = byObject.get(key);
		if (r === undefined) {
			r = make();
			byObject.set(key, r);
		}
		return r;
	};
	const chunkMemo = (chunk: Chunk<V>): R => {
		let r = onChunk.get(chunk);
		if (r === undefined) onChunk.set(chunk, (r = ofChunk(chunk)));
		return r;
	};
	const ofChunk = (chunk: Chunk<V>): R => {
		const keys: string[] = [];
		const values: V[] = [];
		for (let i = 0; i < chunk.keys.length; i++) {
			const key = chunk.keys[i];
			if (key === undefined) continue;
			keys.push(key);
			values.push(chunk.values[i] as V);
		}
		return fn(values, keys);
	};
	return (source: Source<V>): R[] => {
		if (isChunked(source)) return source.chunks().map(chunkMemo);
		if (Array.isArray(source)) {
			const rows = source as readonly V[];
			return [
				memo(rows, () =>
					fn(
						rows,
						rows.map((_, i) => String(i))
					)
				)
			];
		}
		const map = source as ReadonlyMap<string, V>;
		return [memo(map, () => fn([...map.values()], [...map.keys()]))];
	};
}

function isChunked<V>(source: Source<V>): source is ChunkedMap<V> {
	return typeof (source as ChunkedMap<V>).chunks === 'function';
}

export interface ObjectSlot<R> {
	get(target: object): R | undefined;
	set(target: object, value: R): void;
}

/**
 * A value kept on the object it belongs to (a chunk, a part of layer rows, a joined array), under
 * a symbol of its own, not enumerable. It goes when the object goes. A WeakMap keyed by objects
 * that change with every live update grows its table with entries whose keys are already
 * garbage until a full collection, and never shrinks it: 10,000 updates left 1 MB of such tables.
 */
export function objectSlot<R>(): ObjectSlot<R> {
	const key = Symbol('slot');
	return {
		get: (target) => (target as Record<symbol, R | undefined>)[key],
		set: (target, value) => {
			// A frozen object keeps nothing: its value is worked out again when asked.
			if (Object.isExtensible(target)) {
				Object.defineProperty(target, key, { value, writable: true, configurable: true });
			}
		}
	};
}
