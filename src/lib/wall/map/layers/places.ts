/**
 * Place names: the settlements of the gazetteer and the EOC's villages and jamoats
 * (GET /api/v1/places/labels), so an empty map still says where it is. In the screen's language
 * where the place has a name in it, else its Latin name; the larger places first, the smaller
 * ones only as the map zooms in (a minimum zoom by population and rank), and never over another
 * label (labels.ts / declutter.ts). The console's map draws them with one call: `placeNamesLayer`.
 */
import { CompositeLayer, type DefaultProps } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { PlaceLabelRow } from '$lib/places';
import { LABEL_CHARACTER_SET, placedLabelProps, type MapLocale, type MapUi } from './common';
import { declutter, type LabelCandidate } from './declutter';

export type PlaceLabel = LabelCandidate;

export const PLACE_SIZE_PX = 22;
/** Below the point: teams and incidents in town are drawn on the point itself. */
const PLACE_OFFSET_PX = 30;

/**
 * The labels' characters and Latin-1 and Latin Extended-A, for the GeoNames spellings ("Qŭrghonteppa",
 * "Jomí"): a letter outside the font atlas would draw as nothing.
 */
export const PLACE_CHARACTER_SET =
	LABEL_CHARACTER_SET +
	Array.from({ length: 0x17f - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i)).join('');

/** Where the wall and the console load the rows from (the app itself: offline). */
export const PLACE_LABELS_URL = '/api/v1/places/labels';

/** Kulob, for a map whose rows have not loaded (or failed to): docs/kulob.md, the city centre. */
export const BUILTIN_PLACES: readonly PlaceLabelRow[] = [
	{
		id: 'builtin:kulob',
		names: { tg: 'Кӯлоб', ru: 'Куляб', en: 'Kulob' },
		lat: 37.91,
		lon: 69.78,
		kind: 'district-centre',
		population: 78786
	}
];

/** The rows from the app, largest first; the built-in Kulob when they cannot be had. */
export async function loadPlaceLabels(fetcher: typeof fetch = fetch): Promise<PlaceLabelRow[]> {
	try {
		const res = await fetcher(PLACE_LABELS_URL);
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		return (await res.json()) as PlaceLabelRow[];
	} catch (e) {
		console.warn(`eocwall: ${PLACE_LABELS_URL}: ${String(e)}`);
		return [...BUILTIN_PLACES];
	}
}

/**
 * The lowest zoom a place is named at: the capital always; a town of 30,000 or a region's centre
 * from 6 (the country); a district centre or 10,000 from 8 (a region); 3,000 from 9; every other
 * village from 10 (a district, the wall's usual view).
 */
export function minZoomOf(row: Pick<PlaceLabelRow, 'kind' | 'population'>): number {
	const pop = row.population ?? 0;
	if (row.kind === 'capital' || pop >= 100_000) return 0;
	if (row.kind === 'region-centre' || pop >= 30_000) return 6;
	if (row.kind === 'district-centre' || pop >= 10_000) return 8;
	if (pop >= 3_000) return 9;
	return 10;
}

/** Larger places are placed first (declutter keeps the first of two that overlap). */
function weight(row: PlaceLabelRow): number {
	return (10 - minZoomOf(row)) * 1e8 + (row.population ?? 0);
}

/** The name in `locale`: Tajik falls back to Russian (both Cyrillic), then the Latin name. */
export function placeName(row: PlaceLabelRow, locale: MapLocale = 'en'): string {
	const n = row.names;
	return (locale === 'tg' ? (n.tg ?? n.ru) : locale === 'ru' ? n.ru : undefined) ?? n.en;
}

/**
 * The places to name at the UI's zoom, as label candidates largest first: towns in capitals at
 * full size, villages smaller. Placement (which of them fit) is declutter's.
 */
export function placeLabelCandidates(rows: readonly PlaceLabelRow[], ui: MapUi): PlaceLabel[] {
	const scale = ui.scale ?? 1;
	return rows
		.filter((r) => minZoomOf(r) <= ui.zoom)
		.sort((a, b) => weight(b) - weight(a))
		.map((r) => {
			const big = minZoomOf(r) <= 8;
			const name = placeName(r, ui.locale);
			const size = (big ? PLACE_SIZE_PX : PLACE_SIZE_PX - 4) * scale;
			const offset = (big ? PLACE_OFFSET_PX : PLACE_OFFSET_PX - 8) * scale;
			return {
				text: big ? name.toUpperCase() : name,
				lon: r.lon,
				lat: r.lat,
				size,
				offset: [0, offset] as const,
				anchor: 'middle' as const,
				// Above, then beside, then further off: in a town the point itself is often taken by
				// teams and shelters, and the town's name matters most there.
				alternatives: [
					{ offset: [0, -offset] as const, anchor: 'middle' as const },
					{ offset: [offset, 0] as const, anchor: 'start' as const },
					{ offset: [-offset, 0] as const, anchor: 'end' as const },
					{ offset: [0, 2 * offset] as const, anchor: 'middle' as const },
					{ offset: [0, -2 * offset] as const, anchor: 'middle' as const }
				]
			};
		});
}

/** The built-in Kulob in English at scale 1 (tests and the default). */
export const PLACES: readonly PlaceLabel[] = placeLabelCandidates(BUILTIN_PLACES, {
	now: 0,
	zoom: 11
});

const PLACE_COLOUR: [number, number, number, number] = [150, 170, 200, 215];
const DOT_PX = 3.5;

interface PlacesLayerProps {
	data: readonly PlaceLabel[];
	scale: number;
}

/** A named place: a small dot at its point (the name sits beside it), and its name. */
export class PlacesLayer extends CompositeLayer<PlacesLayerProps> {
	static layerName = 'PlacesLayer';
	static defaultProps: DefaultProps<PlacesLayerProps> = { scale: 1 };

	renderLayers() {
		const { data, scale } = this.props;
		return [
			new ScatterplotLayer<PlaceLabel>({
				...this.getSubLayerProps({ id: 'dots' }),
				data,
				getPosition: (l) => [l.lon, l.lat],
				radiusUnits: 'pixels',
				getRadius: DOT_PX * scale,
				getFillColor: PLACE_COLOUR,
				stroked: true,
				lineWidthUnits: 'pixels',
				getLineWidth: 1.5 * scale,
				getLineColor: [10, 16, 28, 230]
			}),
			new TextLayer<PlaceLabel>({
				...this.getSubLayerProps({ id: 'names' }),
				data,
				...placedLabelProps,
				characterSet: PLACE_CHARACTER_SET,
				getColor: PLACE_COLOUR,
				getSize: (l) => l.size
			})
		];
	}
}

/** Place names, already placed (see labels.ts): they give way to live data. */
export function placesLayer(rows: readonly PlaceLabel[], ui: MapUi) {
	return new PlacesLayer({ id: 'places', data: rows, scale: ui.scale ?? 1 });
}

/**
 * One call for a map that places no other labels (the console's): the names at the UI's zoom,
 * decluttered among themselves, as a TextLayer. `ui.zoom` should be rounded (e.g. to quarter
 * steps) so that the layer is not redone on every frame of a zoom.
 */
export function placeNamesLayer(rows: readonly PlaceLabelRow[], ui: MapUi) {
	const candidates = placeLabelCandidates(rows, ui);
	const kept = declutter(candidates, ui.zoom, []);
	return placesLayer(
		candidates.flatMap((l) => {
			const at = kept.get(l);
			return at ? [{ ...l, offset: at.offset, anchor: at.anchor }] : [];
		}),
		ui
	);
}
