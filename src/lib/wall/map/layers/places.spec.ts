import { describe, expect, it } from 'vitest';
import type { PlaceLabelRow } from '$lib/places';
import GEONAMES from '$lib/server/places/tajikistan.json';
import { KULOB_PLACES } from '$lib/wall/boards/places';
import {
	loadPlaceLabels,
	minZoomOf,
	PLACE_CHARACTER_SET,
	placeLabelCandidates,
	placeName,
	placeNamesLayer
} from './places';

const row = (p: Partial<PlaceLabelRow> & { en: string }): PlaceLabelRow => ({
	id: p.en,
	names: { en: p.en, ...(p.names ?? {}) },
	lat: p.lat ?? 37.9,
	lon: p.lon ?? 69.8,
	kind: p.kind ?? 'settlement',
	population: p.population ?? null
});

const ROWS = [
	row({ en: 'Village', population: 1200, lat: 37.95, lon: 69.9 }),
	row({
		en: 'Kulob',
		names: { en: 'Kulob', ru: 'Куляб', tg: 'Кӯлоб' },
		population: 78786,
		kind: 'district-centre'
	}),
	row({ en: 'Dushanbe', kind: 'capital', population: 679400, lat: 38.54, lon: 68.78 }),
	row({ en: 'Town', population: 12000, lat: 38.1, lon: 70.0 })
];

describe('place labels', () => {
	it('names the larger places first, and the smaller ones only as the map zooms in', () => {
		const at = (zoom: number) => placeLabelCandidates(ROWS, { now: 0, zoom }).map((l) => l.text);
		expect(at(5)).toEqual(['DUSHANBE']);
		expect(at(7)).toEqual(['DUSHANBE', 'KULOB']);
		expect(at(8)).toEqual(['DUSHANBE', 'KULOB', 'TOWN']);
		expect(at(11)).toEqual(['DUSHANBE', 'KULOB', 'TOWN', 'Village']);
		expect(minZoomOf({ kind: 'village', population: null })).toBe(10);
	});

	it("uses the screen's language where the place has a name in it, else the Latin name", () => {
		const [, kulob, dushanbe] = ROWS;
		expect(placeName(kulob, 'tg')).toBe('Кӯлоб');
		expect(placeName(kulob, 'ru')).toBe('Куляб');
		expect(placeName({ ...kulob, names: { en: 'Kulob', ru: 'Куляб' } }, 'tg')).toBe('Куляб');
		expect(placeName(dushanbe, 'ru')).toBe('Dushanbe');
		const ru = placeLabelCandidates(ROWS, { now: 0, zoom: 7, locale: 'ru' });
		expect(ru.map((l) => l.text)).toEqual(['DUSHANBE', 'КУЛЯБ']);
		// Every letter of every name, as is and in capitals, is in the font atlas (GeoNames' ŭ and í,
		// Tajik ӯ ҳ ҷ): one outside it would draw as nothing.
		const names = [
			...GEONAMES.places.map((p) => p.name),
			...KULOB_PLACES.flatMap((p) => Object.values(p.name))
		];
		const missing = new Set(
			[...(names.join('') + names.join('').toUpperCase())].filter(
				(ch) => !PLACE_CHARACTER_SET.includes(ch)
			)
		);
		expect([...missing]).toEqual([]);
	});

	it('drops the smallest of names that would overlap, in one call for a map', () => {
		const close = [
			row({ en: 'Big', population: 50000 }),
			...Array.from({ length: 7 }, (_, i) =>
				row({ en: `Village ${i}`, population: 4000 - i, lon: 69.8 + i * 0.0001 })
			)
		];
		const texts = (zoom: number) =>
			(placeNamesLayer(close, { now: 0, zoom }).props.data as readonly { text: string }[]).map(
				(l) => l.text
			);
		// Below the point, then above it, beside it or further off; the smallest find no room.
		const packed = texts(10);
		expect(packed[0]).toBe('BIG');
		expect(packed.length).toBeGreaterThanOrEqual(2);
		expect(packed).not.toContain('Village 6');
		expect(placeNamesLayer(close, { now: 0, zoom: 10 }).id).toBe('places');
		expect(texts(20)).toHaveLength(8);
	});

	it('falls back to the built-in Kulob when the rows cannot be loaded', async () => {
		const down = (async () => new Response('no', { status: 503 })) as typeof fetch;
		const rows = await loadPlaceLabels(down);
		expect(rows.map((r) => r.names.en)).toEqual(['Kulob']);
		const up = (async () => Response.json(ROWS)) as typeof fetch;
		expect(await loadPlaceLabels(up)).toHaveLength(4);
	});
});
