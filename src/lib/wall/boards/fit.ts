/** Rows that fit a board without scrolling (FitList.svelte). */

export interface Fit {
	shown: number;
	/** Rows left out, told as "+N more" in the last line instead of scrolling. */
	more: number;
}

/**
 * How many rows of `rowPx` fit in `heightPx`. When not all fit, a line of `morePx` at the bottom
 * says "+N more" instead of scrolling.
 */
export function fitRows(count: number, heightPx: number, rowPx: number, morePx = rowPx): Fit {
	if (rowPx <= 0 || !Number.isFinite(heightPx)) return { shown: count, more: 0 };
	// A hair of slack: layout heights are fractional at 4K and after zoom.
	if (count * rowPx <= heightPx + 0.5) return { shown: count, more: 0 };
	const shown = Math.max(0, Math.floor((heightPx - morePx + 0.5) / rowPx));
	return { shown, more: count - shown };
}
