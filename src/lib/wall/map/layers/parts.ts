/**
 * Layer rows in parts: the live collections are chunked (live/chunked-map.ts), and what a layer
 * draws is derived per chunk, so one moved team makes one new part and the other parts keep their
 * identity. A layer gets the parts joined into one array, and `partsDiff` as deck.gl's
 * `_dataDiff`: deck.gl then recomputes the attributes of the changed part's rows only, instead of
 * every row of a 10,000-row layer.
 */

import { objectSlot } from '$lib/wall/state/per-chunk';

export type Parts<T> = readonly (readonly T[])[];

/** Each joined array's parts, for partsDiff. */
const partsOf = objectSlot<Parts<unknown>>();

/** The parts joined into one array (new on every call), remembered with its parts. */
export function joinParts<T>(parts: Parts<T>): readonly T[] {
	// concat copies each part whole (flat() goes element by element: a third of an update's time).
	const rows = ([] as T[]).concat(...parts);
	partsOf.set(rows, parts);
	return rows;
}

export interface RowRange {
	startRow: number;
	endRow?: number;
}

/**
 * deck.gl's `_dataDiff` for arrays made by joinParts: the rows of every part that is not the same
 * object as before; from the first part whose length changed, every row after it. Null (deck.gl
 * then updates every row) for arrays it does not know.
 */
export function partsDiff(next: unknown, prev: unknown): RowRange[] {
	const a = Array.isArray(prev) ? partsOf.get(prev) : undefined;
	const b = Array.isArray(next) ? partsOf.get(next) : undefined;
	// deck.gl reads a falsy answer as "changed everywhere" (lifecycle/props.ts diffDataProps).
	if (!a || !b) return null as unknown as RowRange[];
	const ranges: RowRange[] = [];
	let row = 0;
	for (let i = 0; i < b.length; i++) {
		const part = b[i];
		if (part !== a[i]) {
			if (part.length !== a[i]?.length) {
				ranges.push({ startRow: row });
				return ranges;
			}
			const last = ranges.at(-1);
			if (last && last.endRow === row) last.endRow = row + part.length;
			else ranges.push({ startRow: row, endRow: row + part.length });
		}
		row += part.length;
	}
	// Parts dropped at the end: the rows after the last one left.
	if (a.length > b.length) ranges.push({ startRow: row });
	return ranges;
}

/** The parts an array was joined from (one part: the array itself, when not joined by joinParts). */
export function partsOfRows<T>(rows: readonly T[]): Parts<T> {
	return (partsOf.get(rows) as Parts<T> | undefined) ?? [rows];
}
