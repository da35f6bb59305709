import { describe, expect, it } from 'vitest';
import { smsLength } from '$lib/sms/segments';
import { filled, HAZARDS, TEMPLATES, WARNING_LANGS, type WarningText } from '../templates';
import { EXERCISE_WORD, fullText, SMS_MAX_SEGMENTS, smsText, warningLang } from './texts';

const area = { tg: 'Кӯлоб', ru: 'Куляб', en: 'Kulob' };
const textsOf = (hazard: (typeof HAZARDS)[number]) =>
	filled(
		Object.fromEntries(
			WARNING_LANGS.map((l) => [l, TEMPLATES[hazard].text[l]])
		) as unknown as Record<(typeof WARNING_LANGS)[number], WarningText>,
		area
	);

describe("a warning's SMS", () => {
	it('fits every template in every language within 3 segments, headline first, instruction next', () => {
		for (const h of HAZARDS)
			for (const lang of WARNING_LANGS)
				for (const exercise of [false, true]) {
					const t = textsOf(h)[lang];
					const sms = smsText(t, lang, exercise);
					const n = smsLength(sms);
					expect(n.segments, `${h} ${lang} ${sms}`).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
					if (lang !== 'en') expect(n.encoding).toBe('ucs2');
					const firstSentence = t.instruction.split('. ')[0];
					expect(sms).toContain(firstSentence.replace(/[—–]/g, '-'));
					expect(sms.startsWith(`${EXERCISE_WORD[lang]}: `)).toBe(exercise);
				}
	});

	it('keeps an English SMS in GSM-7 (the em dash of the headline made plain)', () => {
		const sms = smsText(textsOf('mudflow').en, 'en', false);
		expect(sms.startsWith('Mudflow warning - Kulob. Move away from riverbeds')).toBe(true);
		expect(smsLength(sms).encoding).toBe('gsm7');
	});

	it('adds whole instruction sentences only while they fit, never a part of a later one', () => {
		const t = {
			headline: 'Сел',
			description: '',
			instruction: `${'а'.repeat(90)}. ${'б'.repeat(120)}.`
		};
		const sms = smsText(t, 'tg', false);
		expect(sms).toBe(`Сел. ${'а'.repeat(90)}.`);
	});

	it('cuts a first instruction sentence too long at a word boundary, with an ellipsis', () => {
		const words = Array.from({ length: 60 }, (_, i) => `калима${i}`).join(' ');
		const t = { headline: 'Хатари сел — Кӯлоб', description: '', instruction: words };
		const sms = smsText(t, 'tg', false);
		expect(sms.endsWith('…')).toBe(true);
		expect(smsLength(sms).segments).toBe(3);
		// Cut between words: what is before the ellipsis is whole words of the instruction.
		const kept = sms.slice('Хатари сел - Кӯлоб. '.length, -1);
		expect(words.startsWith(kept + ' ')).toBe(true);
		// And as long as it can be: one more word would not fit.
		const next = words.slice(kept.length + 1).split(' ')[0];
		expect(smsLength(`${sms.slice(0, -1)} ${next}…`).segments).toBe(4);
	});

	it('gives a long headline at most half the room, so the instruction is always there', () => {
		const places = Array.from({ length: 30 }, (_, i) => `Деҳа${i}`).join(', ');
		const t = {
			headline: `Хатари сел — ${places}`,
			description: '',
			instruction: 'Ба ҷойи баланд равед.'
		};
		const sms = smsText(t, 'tg', true);
		expect(sms.startsWith('МАШҚ: Хатари сел - Деҳа0, Деҳа1')).toBe(true);
		const [head, rest] = sms.split('… ');
		expect(rest).toBe('Ба ҷойи баланд равед.');
		expect(smsLength(`${head}…`).units).toBeLessThanOrEqual(201 / 2);
		expect(smsLength(sms).segments).toBeLessThanOrEqual(3);
	});

	it('uses GSM-7 dots for an ellipsis in a GSM-7 text', () => {
		const t = { headline: 'Flood', description: '', instruction: 'word '.repeat(200) };
		const sms = smsText(t, 'en', false);
		expect(sms.endsWith('word...')).toBe(true);
		expect(smsLength(sms)).toMatchObject({ encoding: 'gsm7', segments: 3 });
	});
});

describe("a warning's full text", () => {
	it('has headline, description, instruction, area and expiry in Dushanbe with UTC', () => {
		const t = textsOf('flood').ru;
		const f = fullText(t, 'ru', {
			area: 'Куляб',
			expiresAt: new Date('2026-12-08T09:00:00Z'),
			exercise: false
		});
		expect(f.subject).toBe('Угроза наводнения — Куляб');
		expect(f.body.split('\n\n')).toEqual([
			t.headline,
			t.description,
			t.instruction,
			'Район: Куляб\nДействует до: 2026-12-08 14:00 (09:00 UTC)'
		]);
	});

	it("starts with EXERCISE in the contact's language in a drill, subject too", () => {
		for (const lang of WARNING_LANGS) {
			const f = fullText(textsOf('mudflow')[lang], lang, {
				area: area[lang],
				expiresAt: new Date(),
				exercise: true
			});
			expect(f.body.startsWith(`${EXERCISE_WORD[lang]}\n\n`)).toBe(true);
			expect(f.subject.startsWith(`${EXERCISE_WORD[lang]}: `)).toBe(true);
		}
		expect(EXERCISE_WORD).toEqual({ tg: 'МАШҚ', ru: 'УЧЕНИЯ', en: 'EXERCISE' });
	});

	it('takes an unknown language as Tajik', () => {
		expect(warningLang('ru')).toBe('ru');
		expect(warningLang('de')).toBe('tg');
		expect(warningLang(null)).toBe('tg');
	});
});
