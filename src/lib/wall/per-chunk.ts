/**
 * Work per chunk of a live collection (chunked-map.ts), remembered per chunk: a function of a
 * chunk's values runs again only for the chunks a change replaced, so the boards and the map
 * layers redo one chunk per live update instead of every row.
 */
import type { Chunk, ChunkedMap } from './chunked-map';

/** A collection as the layers receive it: the live chunked map, or a plain Map or array. */
export type Source<V> = ChunkedMap<V> | ReadonlyMap<string, V> | readonly V[];

/**
 * A function of one chunk's values (and their keys), remembered per chunk: over a chunked map it
 * runs again only for the chunks a change replaced. A plain Map or array is one part, remembered
 * per object.
 */
export function perChunk<V, R>(fn: (values: readonly V[], keys: readonly string[]) => R) {
	const byChunk = new WeakMap<object, R>();
	const memo = (key: object, make: () => R): R => {
		let r = byChunk.get(key);
		if (r === undefined) {
			r = make();
			byChunk.set(key, r);
		}
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
		if (isChunked(source)) return source.chunks().map((c) => memo(c, () => ofChunk(c)));
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
