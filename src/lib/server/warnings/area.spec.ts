import { describe, expect, it } from 'vitest';
import type { Bbox } from '$lib/live/area';
import {
	areaNames,
	capAreaOf,
	nearestPlace,
	placesArea,
	placeTokens,
	radiusOf,
	resolvePlace
} from './area';
import { warningSchema } from './form';
import { BASE_INDEX, indexed } from '../places/search';
import { templateFields } from './prefill';

const KULOB_AREA: Bbox = [69.5, 37.7, 70.2, 38.2];

describe('the area of a warning', () => {
	it('reads a typed list of places', () => {
		expect(placeTokens('Кулоб, Muminobod;\nKulob\n, ,')).toEqual(['Кулоб', 'Muminobod', 'Kulob']);
	});

	it('finds places in the gazetteer in any script, and not what is not there', () => {
		const a = resolvePlace('Кулоб', KULOB_AREA);
		expect(a?.names).toContain('Kŭlob');
		expect(resolvePlace('Kulyab', KULOB_AREA)?.id).toBe(a?.id);
		expect(resolvePlace(a!.id, KULOB_AREA)?.id).toBe(a?.id);
		expect(resolvePlace('Qwxzvbn', KULOB_AREA)).toBeNull();
	});

	it('draws a circle per place, keeps its radius, and writes CAP circles', () => {
		const kulob = resolvePlace('Kulob', KULOB_AREA)!;
		const mumin = resolvePlace('Muminobod', KULOB_AREA)!;
		const area = placesArea([kulob, mumin], 3);
		expect(area.coordinates).toHaveLength(2);
		const ring = area.coordinates[0][0];
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		expect(radiusOf(area)).toBe(3);
		const cap = capAreaOf({ places: [kulob.id, mumin.id], area }, 'x', 'ru');
		expect(cap.circles).toEqual([
			`${kulob.lat.toFixed(6)},${kulob.lon.toFixed(6)} 3`,
			`${mumin.lat.toFixed(6)},${mumin.lon.toFixed(6)} 3`
		]);
		expect(cap.polygons).toEqual([]);
		const names = areaNames([kulob.id, mumin.id], 'x');
		expect(names.ru).toBe('Куляб, Муминабад');
		expect(names.tg).toBe('Кӯлоб, Мӯъминобод');
		expect(names.en).toBe('Kulob, Muminobod');
	});

	it("writes a hazard's extent as CAP polygons, named by its description", () => {
		const area: GeoJSON.Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[69.77, 37.9],
					[69.78, 37.9],
					[69.78, 37.91],
					[69.77, 37.9]
				]
			]
		};
		const cap = capAreaOf({ places: ['hazard:h1'], area }, 'Tebalay', 'tg');
		expect(cap.polygons).toEqual(['37.9,69.77 37.9,69.78 37.91,69.78 37.9,69.77']);
		expect(cap.circles).toEqual([]);
		expect(areaNames(['hazard:h1'], 'Tebalay').tg).toBe('Tebalay');
	});

	it('proposes the nearest settlement to a point', () => {
		const kulob = resolvePlace('Kulob', KULOB_AREA)!;
		expect(nearestPlace(kulob.lat + 0.01, kulob.lon - 0.01)).toBe(kulob.id);
	});
});

describe('the warning form', () => {
	const schema = warningSchema(KULOB_AREA);
	const base = { ...templateFields('mudflow'), places: 'Kulob' };

	it('takes a template with a place', () => {
		const r = schema.safeParse(base);
		expect(r.success).toBe(true);
		if (r.success) {
			expect(r.data.places.map((p) => p.names)).toHaveLength(1);
			expect(r.data.texts.tg.headline).toBe('Хатари сел — {area}');
		}
	});

	it.each([
		[{ en_headline: '  ' }, 'en_headline', 'warning_headline_missing'],
		[{ tg_instruction: '' }, 'tg_instruction', 'warning_instruction_missing'],
		[{ places: ' , ' }, 'places', 'warning_places_missing'],
		[{ areaSource: 'hazard', hazardId: '' }, 'hazardId', 'warning_hazard_missing'],
		[{ radiusKm: '0' }, 'radiusKm', 'warning_radius_range'],
		[{ expiresHours: '500' }, 'expiresHours', 'warning_expires_range'],
		[{ hazard: 'tsunami' }, 'hazard', 'warning_hazard_invalid']
	])('names the field of a bad form: %o', (change, field, problem) => {
		const r = schema.safeParse({ ...base, ...change });
		expect(r.success).toBe(false);
		if (!r.success) {
			expect(r.error.issues[0].path[0]).toBe(field);
			expect(r.error.issues[0].message).toBe(problem);
		}
	});

	it('names a place the gazetteer does not know', () => {
		const r = schema.safeParse({ ...base, places: 'Kulob, Qwxzvbn' });
		expect(r.success).toBe(false);
		if (!r.success)
			expect(r.error.issues[0]).toMatchObject({
				path: ['places'],
				message: 'warning_place_unknown',
				params: { detail: 'Qwxzvbn' }
			});
	});
});

describe("a warning's places beyond GeoNames", () => {
	const school = indexed(
		{
			id: 'admin:school-53',
			names: ['School No. 53', 'Мактаби № 53', 'Школа № 53'],
			lat: 37.915,
			lon: 69.78,
			kind: 'school',
			population: null,
			source: 'admin'
		},
		{ en: 'School No. 53', tg: 'Мактаби № 53', ru: 'Школа № 53' }
	);
	const index = [...BASE_INDEX, school];
	const kulobArea: Bbox = [69.6, 37.8, 69.9, 38.0];

	it("finds the admin's place by name or id in the index it is given, and names it per language", () => {
		expect(resolvePlace('Школа № 53', kulobArea, index)?.id).toBe('admin:school-53');
		expect(resolvePlace('admin:school-53', kulobArea, index)?.id).toBe('admin:school-53');
		// GeoNames alone does not know it.
		expect(resolvePlace('admin:school-53', kulobArea)).toBeNull();
		expect(areaNames(['admin:school-53'], 'fallback', index)).toEqual({
			tg: 'Мактаби № 53',
			ru: 'Школа № 53',
			en: 'School No. 53'
		});
	});
});
