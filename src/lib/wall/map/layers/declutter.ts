/**
 * Greedy label placement: keep a label only where it does not overlap one already kept. deck.gl's
 * CollisionFilterExtension would do this on the GPU but lives in @deck.gl/extensions; for the tens
 * of labels on a wall, projecting in JS at the current zoom is cheap and testable.
 */

const TILE_PX = 512;

/** Web Mercator world pixels at `zoom` (the same space MapLibre and deck.gl draw in). */
export function worldPx(lon: number, lat: number, zoom: number): [number, number] {
	const scale = TILE_PX * 2 ** zoom;
	const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
	return [
		((lon + 180) / 360) * scale,
		(0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
	];
}

/** Where a label sits relative to its point. */
export interface Placement {
	/** From the point to the label's anchor, px (y down). The label is centred vertically there. */
	offset: readonly [number, number];
	/** `start`: the text begins at the anchor; `middle`: centred on it; `end`: ends at it. */
	anchor: 'start' | 'middle' | 'end';
}

/** A label to place: where, what, how big, its preferred placement and others to try. */
export interface LabelCandidate extends Placement {
	lon: number;
	lat: number;
	text: string;
	/** Text size, px. */
	size: number;
	/** Tried in order when the preferred placement is taken (e.g. left of the point). */
	alternatives?: readonly Placement[];
}

/** A symbol a label must not cover: a point and its radius in px. */
export interface Obstacle {
	lon: number;
	lat: number;
	radius: number;
}

type Box = [number, number, number, number];

/** Average glyph width as a share of the size (Noto Sans, mixed case, a little generous). */
const CHAR_WIDTH = 0.56;
/** Clearance kept around every label, px. */
const PAD = 2;

const SHIFT = { start: 0, middle: 0.5, end: 1 } as const;

export function labelBox(
	label: LabelCandidate,
	zoom: number,
	{ offset, anchor }: Placement = label
): Box {
	const [px, py] = worldPx(label.lon, label.lat, zoom);
	const width = label.text.length * label.size * CHAR_WIDTH;
	const x = px + offset[0] - width * SHIFT[anchor];
	const y = py + offset[1];
	const half = label.size * 0.6;
	return [x - PAD, y - half - PAD, x + width + PAD, y + half + PAD];
}

/** Boxes bucketed on a grid, so a test touches only its neighbours (10,000 teams stay cheap). */
class BoxGrid {
	/** Column → row → boxes touching that cell. */
	readonly #cols = new Map<number, Map<number, Box[]>>();
	constructor(readonly cell = 32) {}
	add(b: Box): void {
		const c = this.cell;
		for (let x = Math.floor(b[0] / c), x1 = Math.floor(b[2] / c); x <= x1; x++) {
			let col = this.#cols.get(x);
			if (!col) this.#cols.set(x, (col = new Map()));
			for (let y = Math.floor(b[1] / c), y1 = Math.floor(b[3] / c); y <= y1; y++) {
				const list = col.get(y);
				if (list) list.push(b);
				else col.set(y, [b]);
			}
		}
	}
	free(b: Box): boolean {
		const c = this.cell;
		for (let x = Math.floor(b[0] / c), x1 = Math.floor(b[2] / c); x <= x1; x++) {
			const col = this.#cols.get(x);
			if (!col) continue;
			for (let y = Math.floor(b[1] / c), y1 = Math.floor(b[3] / c); y <= y1; y++) {
				const list = col.get(y);
				if (!list) continue;
				for (const o of list) {
					if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) return false;
				}
			}
		}
		return true;
	}
}

/**
 * The labels (in priority order) that fit without overlapping each other or any obstacle (the
 * symbols on the map), each with the first of its placements that fits. A label offset to the
 * side of its own symbol does not collide with it.
 */
export function declutter<T extends LabelCandidate>(
	items: readonly T[],
	zoom: number,
	obstacles: readonly Obstacle[] = []
): Map<T, Placement> {
	const grid = new BoxGrid();
	for (const o of obstacles) {
		const [x, y] = worldPx(o.lon, o.lat, zoom);
		grid.add([x - o.radius, y - o.radius, x + o.radius, y + o.radius]);
	}
	const out = new Map<T, Placement>();
	for (const item of items) {
		for (const placement of [item, ...(item.alternatives ?? [])]) {
			const box = labelBox(item, zoom, placement);
			if (grid.free(box)) {
				grid.add(box);
				out.set(item, { offset: placement.offset, anchor: placement.anchor });
				break;
			}
		}
	}
	return out;
}
