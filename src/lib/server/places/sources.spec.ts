import { describe, expect, it } from 'vitest';
import { KULOB_DISTRICT_BBOX } from '$lib/live/settings';
import { BASE_INDEX, searchPlaces } from './search';
import { adminPlaceItems, featurePoint, guessLocales, layerItems, type LayerRow } from './sources';
import type { AdminPlace } from './store';
import { placeLabelRows } from './labels';

const opts = { limit: 10, locale: 'en' as const, area: KULOB_DISTRICT_BBOX };

const admin = (p: Partial<AdminPlace>): AdminPlace => ({
	id: 'p1',
	name: 'Tebalay bridge',
	altNames: [],
	kind: 'bridge',
	lat: 37.95,
	lon: 69.85,
	population: null,
	createdBy: 'admin@eoc',
	createdAt: '2026-01-01T00:00:00Z',
	...p
});

const layer = (features: GeoJSON.Feature[], over: Partial<LayerRow> = {}): LayerRow => ({
	id: 'rivers',
	name: 'Rivers',
	kind: 'river',
	style: {},
	data: { type: 'FeatureCollection', features },
	...over
});

const line: GeoJSON.Feature = {
	type: 'Feature',
	properties: { name: 'Yakhsu', 'name:ru': 'Яхсу', 'name:tg': 'Яхсу' },
	geometry: {
		type: 'LineString',
		coordinates: [
			[69.6, 37.8],
			[69.7, 37.9],
			[69.8, 38.0]
		]
	}
};

describe('the merged index', () => {
	it("finds an admin's place by an alternate name in another script", () => {
		const index = [
			...adminPlaceItems([admin({ altNames: ['Пули Тебалай', 'Tebalai'] })]),
			...BASE_INDEX
		];
		for (const q of ['Пули Тебалай', 'Puli Tebalay', 'Tebalai', 'Тебалай']) {
			const [hit] = searchPlaces(q, opts, index);
			expect(hit, q).toMatchObject({ id: 'admin:p1', source: 'admin', kind: 'bridge' });
		}
		expect(searchPlaces('Пули Тебалай', { ...opts, locale: 'ru' }, index)[0].name).toBe(
			'Пули Тебалай'
		);
	});

	it('finds a named feature of a reference layer, in its language, at a point on the line', () => {
		const index = [...BASE_INDEX, ...layerItems([layer([line])])];
		const [hit] = searchPlaces('Яхсу', opts, index);
		expect(hit).toMatchObject({ source: 'layer', kind: 'river', layer: 'Rivers', name: 'Yakhsu' });
		expect([hit.lon, hit.lat]).toEqual([69.7, 37.9]);
		expect(searchPlaces('Yakhsu', { ...opts, locale: 'ru' }, index)[0].name).toBe('Яхсу');
	});

	it('shows a town that a layer and GeoNames both have once, and ranks admin places with them', () => {
		const town: GeoJSON.Feature = {
			type: 'Feature',
			properties: { name: 'Kulob' },
			geometry: { type: 'Point', coordinates: [69.785, 37.915] }
		};
		const index = [
			...BASE_INDEX,
			...layerItems([layer([town], { id: 'towns', name: 'Towns', kind: 'settlement' })])
		];
		const hits = searchPlaces('Kulob', opts, index);
		expect(hits.filter((h) => h.names.some((n) => /k[uŭ]lob/i.test(n)))).toHaveLength(1);
		expect(hits[0].source).toBe('geonames');
	});

	it('skips features without a name or a place, and takes the label field', () => {
		const items = layerItems([
			layer(
				[
					{ type: 'Feature', properties: { ref: 'x' }, geometry: line.geometry },
					{ type: 'Feature', properties: { name: 'Nowhere' }, geometry: null as never },
					{ type: 'Feature', properties: { NAME_TJ: 'Ҷамоати Ёл' }, geometry: line.geometry }
				],
				{ style: { labelField: 'NAME_TJ' } }
			)
		]);
		expect(items.map((i) => i.place.names)).toEqual([['Ҷамоати Ёл']]);
	});
});

describe('helpers', () => {
	it('guesses which name is which language from the script', () => {
		expect(guessLocales(['Kulob', 'Куляб', 'Кӯлоб'])).toEqual({ ru: 'Куляб', tg: 'Кӯлоб' });
		expect(guessLocales(['Мост', 'Most'])).toEqual({ en: 'Most' });
	});

	it('stands a polygon for the mean of its ring, a line for its middle vertex', () => {
		const ring = [
			[0, 0],
			[2, 0],
			[2, 2],
			[0, 2],
			[0, 0]
		];
		expect(featurePoint({ type: 'Polygon', coordinates: [ring] })).toEqual([1, 1]);
		expect(featurePoint(line.geometry)).toEqual([69.7, 37.9]);
		expect(featurePoint(null)).toBeNull();
	});

	it("labels GeoNames' settlements and the admin's villages and jamoats, not its bridges", () => {
		const rows = placeLabelRows([
			...adminPlaceItems([
				admin({ id: 'v', name: 'Deh', kind: 'village', population: 900 }),
				admin({ id: 'b', kind: 'bridge' })
			]),
			...BASE_INDEX
		]);
		expect(rows.some((r) => r.id === 'admin:v')).toBe(true);
		expect(rows.some((r) => r.id === 'admin:b')).toBe(false);
		expect(rows[0].names.en).toBe('Dushanbe');
		expect(rows.find((r) => r.names.en === 'Kulob')?.names).toEqual({
			en: 'Kulob',
			ru: 'Куляб',
			tg: 'Кӯлоб'
		});
	});
});
