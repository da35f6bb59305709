import { describe, expect, it } from 'vitest';
import {
	bordersGeoJson,
	countriesGeoJson,
	graticule,
	KULOB_CENTER,
	KULOB_DISTRICT_BBOX,
	kulobBounds,
	offlineStyle,
	TAJIKISTAN_ISO
} from './style';

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
		const d = KULOB_DISTRICT_BBOX;
		expect(w <= d.west && e >= d.east && s <= d.south && n >= d.north).toBe(true);
	});
});

describe('graticule', () => {
	it('draws one line per step in each direction', () => {
		expect(graticule([69, 37, 70, 38], 0.5).coordinates).toHaveLength(6);
	});
});
