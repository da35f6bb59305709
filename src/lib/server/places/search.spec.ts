import { describe, expect, it } from 'vitest';
import { KULOB_DISTRICT_BBOX } from '$lib/live/settings';
import { editDistance, fold } from './fold';
import { buildIndex, GAZETTEER, kmToArea, placeById, searchPlaces } from './search';

const opts = { limit: 10, locale: 'en' as const, area: KULOB_DISTRICT_BBOX };

describe('fold', () => {
	it('folds Tajik and Russian Cyrillic, accents, case and apostrophes to the same Latin', () => {
		expect(fold('Кӯлоб')).toBe('kulob');
		expect(fold('Kŭlob')).toBe('kulob');
		expect(fold('KULOB')).toBe('kulob');
		expect(fold('Мӯъминобод')).toBe('muminobod');
		expect(fold('Mŭ’minobod')).toBe('muminobod');
		expect(fold('ҳ ҷ қ ғ ӣ ӯ х')).toBe('hjqghiukh');
	});

	it('measures edits, with a swap of neighbours as one', () => {
		expect(editDistance('kulob', 'kulob', 2)).toBe(0);
		expect(editDistance('kulab', 'kulob', 2)).toBe(1);
		expect(editDistance('kluob', 'kulob', 2)).toBe(1);
		expect(editDistance('dushanbe', 'kulob', 2)).toBe(3);
	});
});

describe('searchPlaces', () => {
	it('finds the same Kulob first in every script and spelling', () => {
		const kulob = searchPlaces('Kulob', opts)[0];
		expect(kulob.names).toContain('Kŭlob');
		expect(kulob.source).toBe('geonames');
		for (const q of ['Кулоб', 'Kulyab', 'Куляб', 'Кӯлоб', 'kulob', 'KŬLOB', 'Kulab']) {
			expect(searchPlaces(q, opts)[0]?.id, q).toBe(kulob.id);
		}
	});

	it('finds Muminobod by its Latin and its Tajik name, and a typo', () => {
		for (const q of ['Muminobod', 'Мӯъминобод', 'Муминабад', 'Muminabad', 'Mu’minobod']) {
			expect(searchPlaces(q, opts)[0]?.names, q).toContain('Mŭ’minobod');
		}
	});

	it('names a place in the requested language where the EOC named it', () => {
		expect(searchPlaces('Kulob', { ...opts, locale: 'tg' })[0].name).toBe('Кӯлоб');
		expect(searchPlaces('Kulob', { ...opts, locale: 'ru' })[0].name).toBe('Куляб');
		expect(searchPlaces('Kulob', opts)[0].name).toBe('Kulob');
		// Not named by the EOC: the GeoNames name in any language.
		expect(searchPlaces('Dushanbe', { ...opts, locale: 'tg' })[0].name).toBe('Dushanbe');
	});

	it('ranks by match first: a whole name or word before the start of a longer one', () => {
		const ranked = searchPlaces('Bo', { ...opts, limit: 50 }).map((p) => p.names[0]);
		expect(ranked.length).toBeGreaterThan(1);
		expect(ranked.every((n) => fold(n).startsWith('bo') || /\sbo/i.test(n))).toBe(true);
		// A whole word ("Ismoili Somoní") before the start of a longer name ("Somoniyon").
		expect(searchPlaces('Somoni', opts).map((p) => p.names[0])).toEqual([
			'Ismoili Somoní',
			'Somoniyon'
		]);
	});

	it('among equal matches, the place near the operational area comes first', () => {
		// Two "Roghun" in GeoNames; and a prefix shared across the country.
		const near = searchPlaces('Vo', opts);
		expect(near[0].names[0]).toBe('Vose’');
		const far = searchPlaces('Vo', { ...opts, area: [70.4, 39.7, 70.7, 40.0] });
		expect(far[0].names[0]).toBe('Vorukh');
	});

	it('returns nothing for a query that folds to nothing or matches nothing, and keeps the limit', () => {
		expect(searchPlaces('  ’ - ', opts)).toEqual([]);
		expect(searchPlaces('Zzyzx', opts)).toEqual([]);
		expect(searchPlaces('a', { ...opts, limit: 3 })).toHaveLength(3);
	});

	it('finds a place by id', () => {
		const kulob = searchPlaces('Kulob', opts)[0];
		expect(placeById(kulob.id, 'ru')?.name).toBe('Куляб');
		expect(placeById('geonames:0', 'en')).toBeNull();
	});
});

describe('the gazetteer', () => {
	it('keeps the attribution and Tajikistan only', () => {
		expect(GAZETTEER.licence).toBe('CC BY 4.0');
		expect(GAZETTEER.attribution).toContain('GeoNames');
		expect(GAZETTEER.places.length).toBeGreaterThan(50);
		for (const p of GAZETTEER.places) {
			expect(p.lat).toBeGreaterThan(36.5);
			expect(p.lat).toBeLessThan(41.1);
			expect(p.lon).toBeGreaterThan(67.3);
			expect(p.lon).toBeLessThan(75.2);
		}
	});

	it('merges an EOC place with the settlement it names, and keeps one far from any', () => {
		const index = buildIndex(GAZETTEER.places, [
			{ id: 'k', lat: 37.914, lon: 69.784, name: { en: 'K', ru: 'К', tg: 'Кӯ' } },
			{ id: 'bridge', lat: 37.0, lon: 72.0, name: { en: 'Bridge', ru: 'Мост', tg: 'Пул' } }
		]);
		const kulob = index.find((i) => i.place.names.includes('Kŭlob'));
		expect(kulob?.place.names).toEqual(expect.arrayContaining(['K', 'К', 'Кӯ']));
		const own = index.find((i) => i.place.id === 'eoc:bridge');
		expect(own?.place.source).toBe('eoc');
		expect(index).toHaveLength(GAZETTEER.places.length + 1);
	});

	it('measures distance to the area as zero inside it', () => {
		expect(kmToArea(37.95, 69.8, KULOB_DISTRICT_BBOX)).toBe(0);
		expect(kmToArea(38.53575, 68.77905, KULOB_DISTRICT_BBOX)).toBeGreaterThan(80);
	});
});
