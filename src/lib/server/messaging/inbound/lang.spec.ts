import { describe, expect, it } from 'vitest';
import { guessLang, senderLang } from './lang';

describe("the sender's language", () => {
	it.each([
		['ҲИСОБОТ сел 4 Кулоб Сел роҳро баст', 'tg'],
		['хисобот сел 4 дар Кулоб', 'tg'],
		['ОТЧЁТ оползень 3 Куляб дорогу завалило', 'ru'],
		['Помогите, вода в домах', 'ru'],
		['Сел омад', 'tg'],
		['RPT flood 2 Water over the bridge', 'en'],
		['1043', null],
		['', null]
	])('guesses "%s" as %s', (text, lang) => {
		expect(guessLang(text)).toBe(lang);
	});

	it("takes a known contact's language over the guess, and Tajik when nothing tells", () => {
		expect(senderLang('ru', 'ҲИСОБОТ сел 4 Кулоб')).toBe('ru');
		expect(senderLang(null, 'ОТЧЁТ сель 4 Куляб')).toBe('ru');
		expect(senderLang(null, '12345')).toBe('tg');
		expect(senderLang('xx', 'help')).toBe('en');
	});
});
