/**
 * The teams' trails as one PathLayer per few parts (parts.ts). A PathLayer lays every path end to
 * end in its buffers, so a trail that grows by a point moves every path after it: in one layer of
 * 10,000 trails, one position update rebuilt them all. Per group of parts, deck.gl matches the
 * sublayers by id and rebuilds only the one whose parts changed (at most PARTS_PER_LAYER × CHUNK
 * trails). Not one per part: each sublayer keeps its own shaders and state (~30 kB of heap), and
 * 80 of them at 10,000 teams cost more memory than the trails themselves.
 */
import { CompositeLayer, type DefaultProps } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import type { TrailPoint } from '$lib/live/types';
import { objectSlot } from '$lib/wall/state/per-chunk';
import type { Parts } from './parts';

/** A team's trail: its positions [lon, lat, time], oldest first (LiveState.trails). */
export type Trail = readonly TrailPoint[];

interface TrailsLayerProps {
	/** The trails in parts; a part that is the same object as before is not rebuilt. */
	data: Parts<Trail>;
	/** Line width in CSS px (the wall's scale already applied). */
	widthPx: number;
}

export const PARTS_PER_LAYER = 4;

/** The trails of parts [from, from + PARTS_PER_LAYER), the same array while those parts are. */
const groupOf = objectSlot<{ parts: Parts<Trail>; trails: readonly Trail[] }>();
function group(parts: Parts<Trail>, from: number): readonly Trail[] {
	const mine = parts.slice(from, from + PARTS_PER_LAYER);
	const held = groupOf.get(mine[0]);
	if (held && held.parts.length === mine.length && held.parts.every((p, i) => p === mine[i])) {
		return held.trails;
	}
	const trails = mine.length === 1 ? mine[0] : mine.flat();
	groupOf.set(mine[0], { parts: mine, trails });
	return trails;
}

const TRAIL_COLOUR: [number, number, number, number] = [142, 160, 187, 150];
// The points as they are: 'XY' makes deck.gl read two numbers of each and leave the time.
const pathOf = (t: Trail) => t as unknown as [number, number][];

export class TrailsLayer extends CompositeLayer<TrailsLayerProps> {
	static layerName = 'TrailsLayer';
	static defaultProps: DefaultProps<TrailsLayerProps> = { widthPx: 3 };

	renderLayers() {
		const { data, widthPx } = this.props;
		const layers = [];
		// The group's index is its sublayer's id: a chunk keeps its place in the live map.
		for (let from = 0; from < data.length; from += PARTS_PER_LAYER) {
			const trails = group(data, from);
			if (trails.length === 0) continue;
			layers.push(
				new PathLayer<Trail>({
					...this.getSubLayerProps({ id: String(from / PARTS_PER_LAYER) }),
					data: trails,
					getPath: pathOf,
					positionFormat: 'XY',
					getColor: TRAIL_COLOUR,
					getWidth: widthPx,
					widthUnits: 'pixels',
					capRounded: true,
					jointRounded: true
				})
			);
		}
		return layers;
	}
}
