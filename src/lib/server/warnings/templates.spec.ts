import { describe, expect, it } from 'vitest';
import {
	AREA_TOKEN,
	filled,
	hazardOf,
	HAZARDS,
	TEMPLATES,
	templateTexts,
	WARNING_LANGS
} from './templates';

const CYRILLIC = /[А-Яа-яЁё]/;
/** Letters only Tajik Cyrillic has: a Russian text passed off as Tajik has none. */
const TAJIK = /[ӮӯҲҳҶҷҚқҒғӢӣ]/;

describe('warning templates', () => {
	it.each(HAZARDS)('%s: what, where and what to do, in tg, ru and en', (h) => {
		const t = TEMPLATES[h];
		for (const l of WARNING_LANGS) {
			const x = t.text[l];
			expect(x.event.length, `${h} ${l} event`).toBeGreaterThan(0);
			expect(x.headline, `${h} ${l} headline names the area`).toContain(AREA_TOKEN);
			expect(x.headline.length).toBeLessThanOrEqual(120);
			expect(x.description, `${h} ${l} description names the area`).toContain(AREA_TOKEN);
			expect(x.instruction.length, `${h} ${l} says what to do`).toBeGreaterThan(40);
			expect(x.instruction.length).toBeLessThanOrEqual(400);
		}
		for (const l of ['tg', 'ru'] as const) {
			expect(t.text[l].headline).toMatch(CYRILLIC);
			expect(t.text[l].instruction).toMatch(CYRILLIC);
			expect(t.text[l].instruction).not.toMatch(/[A-Za-z]{3}/);
		}
		expect(`${t.text.tg.description} ${t.text.tg.instruction}`).toMatch(TAJIK);
		expect(`${t.text.ru.description} ${t.text.ru.instruction}`).not.toMatch(TAJIK);
		expect(t.category.length).toBeGreaterThan(0);
	});

	it('fills the area in each language', () => {
		const out = filled(templateTexts('mudflow'), { tg: 'Кӯлоб', ru: 'Куляб', en: 'Kulob' });
		expect(out.tg.headline).toBe('Хатари сел — Кӯлоб');
		expect(out.ru.headline).toBe('Угроза селя — Куляб');
		expect(out.en.description).toContain('Area: Kulob.');
		expect(JSON.stringify(out)).not.toContain(AREA_TOKEN);
	});

	it('maps incident types and hazard kinds to a template, other when none fits', () => {
		expect(hazardOf('mudflow')).toBe('mudflow');
		expect(hazardOf('earthquake')).toBe('earthquake');
		expect(hazardOf('fire')).toBe('other');
		expect(hazardOf(null)).toBe('other');
	});
});
