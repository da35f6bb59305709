/**
 * The teams' trails as one PathLayer per part (parts.ts). A PathLayer lays every path end to end
 * in its buffers, so a trail that grows by a point moves every path after it: in one layer of
 * 10,000 trails, one position update rebuilt them all. Per part, deck.gl matches the sublayers by
 * id and rebuilds only the one whose part changed (at most CHUNK trails).
 */
import { CompositeLayer, type DefaultProps } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import type { Parts } from './parts';

export interface Trail {
	id: string;
	path: [number, number][];
}

interface TrailsLayerProps {
	/** The trails in parts; a part that is the same object as before is not rebuilt. */
	data: Parts<Trail>;
	/** Line width in CSS px (the wall's scale already applied). */
	widthPx: number;
}

const TRAIL_COLOUR: [number, number, number, number] = [142, 160, 187, 150];
const pathOf = (t: Trail) => t.path;

export class TrailsLayer extends CompositeLayer<TrailsLayerProps> {
	static layerName = 'TrailsLayer';
	static defaultProps: DefaultProps<TrailsLayerProps> = { widthPx: 3 };

	renderLayers() {
		const { data, widthPx } = this.props;
		// The part's index is its sublayer's id: a chunk keeps its place in the live map.
		return data.map((part, i) =>
			part.length === 0
				? null
				: new PathLayer<Trail>({
						...this.getSubLayerProps({ id: String(i) }),
						data: part,
						getPath: pathOf,
						getColor: TRAIL_COLOUR,
						getWidth: widthPx,
						widthUnits: 'pixels',
						capRounded: true,
						jointRounded: true
					})
		);
	}
}
