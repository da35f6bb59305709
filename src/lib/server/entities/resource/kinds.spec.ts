import { describe, expect, it } from 'vitest';
import { parseKind } from './kind-write';
import { DEFAULT_KINDS } from './kinds';

describe('the default kinds', () => {
	it('are exactly the ids the drills and the demo name, equipment first, in three languages', () => {
		expect(DEFAULT_KINDS.map((k) => k.id)).toEqual([
			'excavator',
			'bulldozer',
			'dump_truck',
			'loader',
			'crane',
			'water_pump',
			'boat',
			'generator',
			'ambulance',
			'fuel_tanker',
			'water_tanker',
			'tent',
			'water',
			'food_kit',
			'blanket',
			'hygiene_kit',
			'medical_kit',
			'sandbag'
		]);
		for (const k of DEFAULT_KINDS) {
			expect(k.unit).toBe(k.class === 'equipment' ? 'unit' : k.unit);
			expect(k.names.en).toMatch(/^[A-Z][a-z ]+$/);
			// Russian and Tajik in Cyrillic (Tajik with its own letters where the word has them).
			expect(k.names.ru).toMatch(/^[А-ЯЁ][а-яё ]+$/u);
			expect(k.names.tg).toMatch(/^[А-ЯЁҒӢҚӮҲҶ][а-яёғӣқӯҳҷ ]+$/u);
			expect(
				parseKind({
					id: k.id,
					name_en: k.names.en,
					name_ru: k.names.ru,
					name_tg: k.names.tg,
					class: k.class,
					unit: k.unit,
					sort: String(k.sort)
				})
			).toMatchObject({ ok: true });
		}
		expect(DEFAULT_KINDS.find((k) => k.id === 'water_pump')?.names).toEqual({
			en: 'Water pump',
			ru: 'Водяной насос',
			tg: 'Насоси обкашӣ'
		});
		expect(
			Object.fromEntries(
				DEFAULT_KINDS.filter((k) => k.class === 'supply').map((k) => [k.id, k.unit])
			)
		).toEqual({
			tent: 'pcs',
			water: 'l',
			food_kit: 'kit',
			blanket: 'pcs',
			hygiene_kit: 'kit',
			medical_kit: 'kit',
			sandbag: 'pcs'
		});
	});
});

describe('a kind from the admin form', () => {
	const good = {
		id: 'Mobile_Kitchen',
		name_en: ' Mobile kitchen ',
		name_ru: 'Полевая кухня',
		name_tg: '',
		class: 'equipment',
		unit: 'unit',
		sort: '300'
	};
	it('is trimmed, its id lowercased, and only the languages given kept', () => {
		expect(parseKind(good)).toEqual({
			ok: true,
			kind: {
				id: 'mobile_kitchen',
				names: { en: 'Mobile kitchen', ru: 'Полевая кухня' },
				class: 'equipment',
				unit: 'unit',
				sort: 300
			}
		});
		expect(parseKind({ ...good, sort: '' })).toMatchObject({ ok: true, kind: { sort: 0 } });
	});
	it('is refused naming the field', () => {
		const field = (over: Record<string, string>) => {
			const r = parseKind({ ...good, ...over });
			return r.ok ? null : r.field;
		};
		expect(field({ id: 'has space' })).toBe('id');
		expect(field({ id: '' })).toBe('id');
		expect(field({ name_en: '  ' })).toBe('name_en');
		expect(field({ name_tg: 'x'.repeat(81) })).toBe('name_tg');
		expect(field({ class: 'vehicle' })).toBe('class');
		expect(field({ unit: '' })).toBe('unit');
		expect(field({ unit: 'big bags' })).toBe('unit');
		expect(field({ sort: '1.5' })).toBe('sort');
		expect(field({ sort: 'first' })).toBe('sort');
		expect(parseKind({})).toMatchObject({ ok: false, field: 'id' });
	});
});
