import { describe, expect, it } from 'vitest';
import {
	areaBounds,
	basemapStyle,
	hillshadeStyle,
	bordersGeoJson,
	countriesGeoJson,
	graticule,
	KULOB_CENTER,
	kulobBounds,
	offlineStyle,
	TAJIKISTAN_ISO
} from './style';
import { KULOB_DISTRICT_BBOX } from '$lib/live/settings';

describe('offline style', () => {
	const style = offlineStyle();

	it('references nothing outside the app: no URLs, no glyphs, no sprite', () => {
		const text = JSON.stringify({ ...style, sources: Object.keys(style.sources) });
		expect(text).not.toMatch(/https?:|mapbox:|pmtiles:/);
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
		for (const source of Object.values(style.sources)) {
			expect(source.type).toBe('geojson');
		}
	});

	it('has Tajikistan among the countries and borders as lines', () => {
		const tj = countriesGeoJson().features.filter((f) => f.properties.iso === TAJIKISTAN_ISO);
		expect(tj).toHaveLength(1);
		expect(tj[0].properties.name).toBe('Tajikistan');
		expect(bordersGeoJson().coordinates.length).toBeGreaterThan(100);
		expect(style.layers.map((l) => l.id)).toContain('home');
	});
});

describe('view', () => {
	it('is centred on Kulob and holds the whole district', () => {
		const [[w, s], [e, n]] = kulobBounds() as [[number, number], [number, number]];
		expect((w + e) / 2).toBeCloseTo(KULOB_CENTER[0], 6);
		expect((s + n) / 2).toBeCloseTo(KULOB_CENTER[1], 6);
		const [west, south, east, north] = KULOB_DISTRICT_BBOX;
		expect(w <= west && e >= east && s <= south && n >= north).toBe(true);
	});
});

describe('graticule', () => {
	it('draws one line per step in each direction', () => {
		expect(graticule([69, 37, 70, 38], 0.5).coordinates).toHaveLength(6);
	});
});

describe('operational area', () => {
	it('fits settings.area.bbox, and Kulob when the box is unusable', () => {
		expect(areaBounds([69.694, 37.816, 69.93, 38.137])).toEqual([
			[69.694, 37.816],
			[69.93, 38.137]
		]);
		expect(areaBounds([70, 38, 69, 37])).toEqual(kulobBounds());
		expect(areaBounds(null)).toEqual(kulobBounds());
		expect(areaBounds([0, 0, Number.NaN, 1])).toEqual(kulobBounds());
	});
});

describe('regional basemap and hillshade', () => {
	it('reads the PMTiles archive through the pmtiles protocol, vector or raster', () => {
		const vector = basemapStyle('http://wall/api/v1/basemap.pmtiles', 'vector');
		expect(vector.source).toMatchObject({
			type: 'vector',
			url: 'pmtiles://http://wall/api/v1/basemap.pmtiles'
		});
		expect(vector.layers.map((l) => l.id)).toContain('basemap-water');
		const raster = basemapStyle('http://wall/b.pmtiles', 'raster', 12);
		expect(raster.source).toMatchObject({ type: 'raster', maxzoom: 12 });
		expect(raster.layers[0].type).toBe('raster');
	});

	it('has no hillshade without terrain, and the served image over its bounds with it', () => {
		expect(hillshadeStyle(null)).toBeNull();
		const h = hillshadeStyle({
			source: 'synthetic terrain',
			synthetic: true,
			bounds: [69.7, 37.85, 69.92, 38.02],
			hillshade: '/api/v1/terrain/hillshade.png'
		});
		expect(h?.source).toEqual({
			type: 'image',
			url: '/api/v1/terrain/hillshade.png',
			coordinates: [
				[69.7, 38.02],
				[69.92, 38.02],
				[69.92, 37.85],
				[69.7, 37.85]
			]
		});
		expect(h?.layers[0]).toMatchObject({ type: 'raster', source: 'terrain-hillshade' });
	});

	it('the offline style has no basemap source unless one is configured', () => {
		expect(Object.keys(offlineStyle().sources)).not.toContain('basemap');
	});
});
