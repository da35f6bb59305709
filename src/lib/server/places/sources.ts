/**
 * The places the database adds to the gazetteer, as search items: the admin's own places (with
 * their alternate names) and the named features of the imported reference layers (a point, or
 * a point standing for a line or polygon). Pure: index.ts reads the rows and calls these.
 */
import type { Locale } from '$lib/i18n';
import type { PlaceKind } from '$lib/places';
import type { ReferenceKind, ReferenceStyle } from '$lib/reference/types';
import type { AdminPlace } from './store';
import { indexed, unique, type Indexed } from './search';

/** Tajik letters that Russian has not: a Cyrillic name with one of them is Tajik. */
const TAJIK = /[ӣӯҳҷқғӢӮҲҶҚҒ]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A name per language from a list of names that does not say which is which: a Latin one for
 * English, one with Tajik letters for Tajik, a Cyrillic one without them for Russian (and for
 * Tajik when there is no better). The first name stays the main one.
 */
export function guessLocales(names: readonly string[]): Partial<Record<Locale, string>> {
	const latin = names.find((n) => !CYRILLIC.test(n));
	const tajik = names.find((n) => TAJIK.test(n));
	const russian = names.find((n) => CYRILLIC.test(n) && !TAJIK.test(n));
	const out: Partial<Record<Locale, string>> = {};
	if (latin && latin !== names[0]) out.en = latin;
	if (russian && russian !== names[0]) out.ru = russian;
	const tg = tajik ?? russian;
	if (tg && tg !== names[0]) out.tg = tg;
	return out;
}

export function adminPlaceItems(rows: readonly AdminPlace[]): Indexed[] {
	return rows.map((p) => {
		const names = unique([p.name, ...p.altNames]);
		return indexed(
			{
				id: `admin:${p.id}`,
				names,
				lat: p.lat,
				lon: p.lon,
				kind: p.kind,
				population: p.population,
				source: 'admin'
			},
			guessLocales(names)
		);
	});
}

export interface LayerRow {
	id: string;
	name: string;
	kind: ReferenceKind;
	style: ReferenceStyle;
	data: GeoJSON.FeatureCollection;
}

const LAYER_KIND: Record<ReferenceKind, PlaceKind> = {
	settlement: 'settlement',
	boundary: 'boundary',
	river: 'river',
	road: 'road',
	other: 'other'
};

const LOCALES: readonly Locale[] = ['tg', 'ru', 'en'];

type Position = GeoJSON.Position;

/** The mean of a ring's or a line's vertices (the closing vertex of a ring once). */
function mean(points: readonly Position[]): Position | null {
	const pts =
		points.length > 1 && points[0][0] === points.at(-1)?.[0] && points[0][1] === points.at(-1)?.[1]
			? points.slice(0, -1)
			: points;
	if (pts.length === 0) return null;
	return [
		pts.reduce((s, p) => s + p[0], 0) / pts.length,
		pts.reduce((s, p) => s + p[1], 0) / pts.length
	];
}

/**
 * Where a feature stands for a search: a point as it is; the middle vertex of a line (on the
 * line, unlike its mean); the mean of a polygon's outer ring (of the largest part's).
 */
export function featurePoint(g: GeoJSON.Geometry | null): Position | null {
	if (!g) return null;
	switch (g.type) {
		case 'Point':
			return g.coordinates;
		case 'MultiPoint':
			return mean(g.coordinates);
		case 'LineString':
			return g.coordinates[Math.floor(g.coordinates.length / 2)] ?? null;
		case 'MultiLineString': {
			const longest = [...g.coordinates].sort((a, b) => b.length - a.length)[0] ?? [];
			return longest[Math.floor(longest.length / 2)] ?? null;
		}
		case 'Polygon':
			return mean(g.coordinates[0] ?? []);
		case 'MultiPolygon': {
			const largest = [...g.coordinates].sort((a, b) => b[0].length - a[0].length)[0];
			return largest ? mean(largest[0]) : null;
		}
		case 'GeometryCollection':
			return g.geometries.map(featurePoint).find((p) => p !== null) ?? null;
	}
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Every feature with a name (`name`, `name:tg|ru|en` or the layer's label field) and a place. */
export function layerItems(layers: readonly LayerRow[]): Indexed[] {
	const out: Indexed[] = [];
	for (const layer of layers) {
		for (const [i, f] of (layer.data.features ?? []).entries()) {
			const props = f.properties ?? {};
			const byLocale: Partial<Record<Locale, string>> = {};
			for (const l of LOCALES) {
				const v = str(props[`name:${l}`]);
				if (v) byLocale[l] = v;
			}
			const main = str(props[layer.style.labelField ?? 'name']) ?? str(props.name);
			const names = unique([main ?? '', ...Object.values(byLocale)]);
			const at = featurePoint(f.geometry);
			if (names.length === 0 || !at || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) continue;
			const population = Number(props.population);
			out.push(
				indexed(
					{
						id: `layer:${layer.id}:${f.id ?? i}`,
						names,
						lat: at[1],
						lon: at[0],
						kind: LAYER_KIND[layer.kind],
						population: Number.isInteger(population) && population > 0 ? population : null,
						source: 'layer',
						layer: layer.name
					},
					byLocale
				)
			);
		}
	}
	return out;
}
