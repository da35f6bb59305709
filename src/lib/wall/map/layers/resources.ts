/**
 * Resources on the map, beside the teams (docs/resources.md): a badge of its own shape in the
 * status colour with the status's mark (resource-icons.ts), the kind's short label written on it
 * in the screen's language ("EXC", "ЭКС"), and the resource's name beside it where the label
 * placement finds room (labels.ts: after the teams, shelters and hazards). Stores holding
 * supplies are small cubes, amber with "!" when a kind there is below its minimum.
 * Built per chunk of the live collection like the teams (parts.ts): one resource's update
 * redoes one part's rows.
 */
import { IconLayer, TextLayer } from '@deck.gl/layers';
import { RESOURCE_STATUSES, type ResourceStatus } from '$lib/contracts/resources';
import { compareText } from '$lib/format';
import type { ResourceKindView, ResourceView, StockView } from '$lib/live/types';
import { isLow } from '$lib/wall/boards/resources';
import { kindName, kindShort } from '$lib/wall/state/kinds';
import { perChunk, type Source } from '$lib/wall/state/per-chunk';
import { ICON_ATLAS, ICON_MAPPING } from '../icons';
import { rgba } from '../palette';
import { BADGE_HALF_WIDTH, BADGE_TEXT_X } from '../resource-icons';
import {
	LABEL_CHARACTER_SET,
	LABEL_FONT_FAMILY,
	LABEL_FONT_SETTINGS,
	memoLast,
	placedLabelProps,
	px,
	type MapUi
} from './common';
import type { LabelCandidate } from './declutter';
import { partsDiff } from './parts';

/** The badge's height in the atlas cell: 48 px draws it about 44 by 24 px. */
export const RESOURCE_ICON_PX = 48;
/** Half the badge's width: what labels keep clear of. */
export const RESOURCE_RADIUS_PX = Math.ceil((RESOURCE_ICON_PX * BADGE_HALF_WIDTH) / 64);
export const RESOURCE_KIND_PX = 13;
export const RESOURCE_LABEL_PX = 18;
export const STORE_ICON_PX = 24;
export const STORE_RADIUS_PX = 11;

export type PlacedResource = ResourceView & { lat: number; lon: number };

const KNOWN = new Set<string>(RESOURCE_STATUSES);

/** The atlas icon of a resource's status (a status outside the contract draws as out of service). */
export function resourceIcon(r: Pick<ResourceView, 'status'>): string {
	return `resource-${KNOWN.has(r.status) ? r.status : 'out_of_service'}`;
}

export function placedResources(rows: readonly ResourceView[]): PlacedResource[] {
	return rows.filter(
		(r): r is PlacedResource =>
			r.lat !== null && r.lon !== null && Number.isFinite(r.lat) && Number.isFinite(r.lon)
	);
}

/** Placed resources per chunk of the live collection: one update makes one new part. */
export const placedResourceParts = memoLast(perChunk(placedResources));

export function resourcesLayer(rows: readonly PlacedResource[], ui: MapUi) {
	return new IconLayer<PlacedResource>({
		id: 'resources',
		data: rows,
		_dataDiff: partsDiff,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: resourceIcon,
		getPosition: (r) => [r.lon, r.lat],
		getSize: RESOURCE_ICON_PX,
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		updateTriggers: {}
	});
}

/** Each kind's short label in a language, and a key that changes when any of them does. */
export const kindShorts = memoLast(
	(kinds: ReadonlyMap<string, ResourceKindView>, locale: string) => {
		const labels = new Map<string, string>();
		for (const [id, kind] of kinds) labels.set(id, kindShort(kindName(kind, id, locale), locale));
		const key = `${locale}|${[...labels].map(([id, s]) => `${id}=${s}`).join(',')}`;
		return { labels, key };
	}
);

/** The kind's short label on each badge, dark on its colour, right of the status mark. */
export function resourceKindsLayer(
	rows: readonly PlacedResource[],
	kinds: ReadonlyMap<string, ResourceKindView>,
	ui: MapUi
) {
	const { labels, key } = kindShorts(kinds, ui.locale ?? 'en');
	const dx = px(ui, (RESOURCE_ICON_PX * BADGE_TEXT_X) / 64);
	return new TextLayer<PlacedResource>({
		id: 'resource-kinds',
		data: rows,
		_dataDiff: partsDiff,
		getPosition: (r) => [r.lon, r.lat],
		getText: (r) => labels.get(r.kindId) ?? kindShort(r.kindId),
		getSize: px(ui, RESOURCE_KIND_PX),
		sizeUnits: 'pixels',
		getPixelOffset: [dx, 0],
		getTextAnchor: 'middle',
		getAlignmentBaseline: 'center',
		getColor: rgba('#0A101C'),
		fontFamily: LABEL_FONT_FAMILY,
		fontWeight: 700,
		characterSet: LABEL_CHARACTER_SET,
		fontSettings: LABEL_FONT_SETTINGS,
		updateTriggers: { getText: key }
	});
}

/** Which names win a place: resources at work first, as for the teams. */
const LABEL_PRIORITY: Record<ResourceStatus, number> = {
	on_scene: 0,
	en_route: 1,
	assigned: 2,
	returning: 3,
	available: 4,
	out_of_service: 5
};

export interface ResourceLabel extends LabelCandidate {
	resource: PlacedResource;
}

/** A name longer than this is cut with "…": a label is a name, not a description. */
const NAME_MAX = 24;

export function resourceLabelText(r: ResourceView): string {
	const name = r.name.trim();
	return name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name;
}

/** Every resource's name beside its badge, most important first; placement keeps what fits. */
export function resourceLabelCandidates(
	rows: readonly PlacedResource[],
	scale = 1
): ResourceLabel[] {
	const gap = (RESOURCE_RADIUS_PX + 5) * scale;
	const rank = (r: ResourceView) => LABEL_PRIORITY[r.status] ?? 6;
	return rows
		.map((resource) => ({
			resource,
			lon: resource.lon,
			lat: resource.lat,
			text: resourceLabelText(resource),
			size: RESOURCE_LABEL_PX * scale,
			offset: [gap, 0] as const,
			anchor: 'start' as const,
			alternatives: [{ offset: [-gap, 0] as const, anchor: 'end' as const }]
		}))
		.sort(
			(a, b) => rank(a.resource) - rank(b.resource) || compareText(a.resource.name, b.resource.name)
		);
}

/** The names placed (labels.ts), warm white: a team's label is cool white. */
export function resourceLabelsLayer(labels: readonly ResourceLabel[], _ui: MapUi) {
	return new TextLayer<ResourceLabel>({
		id: 'resource-labels',
		data: labels,
		...placedLabelProps,
		getColor: rgba('#F3E6C4'),
		getSize: (l) => l.size,
		updateTriggers: {}
	});
}

/** A store holding supplies: where, and how many of its kinds are below their minimum. */
export interface StoreMarker {
	id: string;
	name: string;
	lon: number;
	lat: number;
	kinds: number;
	low: number;
}

function valuesOf<V>(source: Source<V>): Iterable<V> {
	return Array.isArray(source) ? source : (source as ReadonlyMap<string, V>).values();
}

/** One marker per store that has a position, from the stock rows (a row per store and kind). */
export function storeMarkers(stock: Source<StockView>): StoreMarker[] {
	const byStore = new Map<string, StoreMarker>();
	for (const s of valuesOf(stock)) {
		if (s.lat === null || s.lon === null) continue;
		let marker = byStore.get(s.storeId);
		if (!marker) {
			marker = { id: s.storeId, name: s.storeName, lon: s.lon, lat: s.lat, kinds: 0, low: 0 };
			byStore.set(s.storeId, marker);
		}
		marker.kinds++;
		if (isLow(s)) marker.low++;
	}
	return [...byStore.values()];
}

export function storesLayer(rows: readonly StoreMarker[], ui: MapUi) {
	return new IconLayer<StoreMarker>({
		id: 'stores',
		data: rows,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: (s) => (s.low > 0 ? 'store-low' : 'store-ok'),
		getPosition: (s) => [s.lon, s.lat],
		getSize: STORE_ICON_PX,
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		updateTriggers: {}
	});
}
