import { describe, expect, it } from 'vitest';
import { BASE_INDEX } from '../../places/search';
import { parseInbound, type PlaceLookup } from './parse';
import { placeLookup } from './place';

const KHATLON: [number, number, number, number] = [68.5, 37.3, 70.5, 38.6];
const gazetteer = (locale: 'tg' | 'ru' | 'en') => placeLookup(BASE_INDEX, KHATLON, locale);
const nowhere: PlaceLookup = () => null;

describe('reports by SMS and Telegram (the radio syntax with tg and ru words)', () => {
	it('reads a Tajik report with a place name', () => {
		const r = parseInbound('ҲИСОБОТ сел 4 Кулоб Сел роҳро баст', gazetteer('tg'));
		expect(r).toMatchObject({
			kind: 'report',
			report: { type: 'mudflow', severity: 4, title: 'Кулоб Сел роҳро баст' },
			place: { name: 'Кӯлоб' }
		});
		if (r.kind === 'report') expect(r.place?.lat).toBeCloseTo(37.91, 1);
	});

	it('reads Tajik typed without Tajik letters, and two-word types', () => {
		expect(
			parseInbound('хисобот рох баста 3 назди Восеъ пул шикаст', gazetteer('tg'))
		).toMatchObject({
			kind: 'report',
			report: { type: 'road_blocked', severity: 3 },
			place: { name: 'Восеъ' }
		});
		expect(parseInbound('ХИСОБОТ обхезӣ 2 Данғара об зиёд', gazetteer('tg'))).toMatchObject({
			report: { type: 'flood' },
			place: { name: 'Данғара' }
		});
		expect(parseInbound('ҳисобот заминларза 5 хонаҳо вайрон', nowhere)).toMatchObject({
			kind: 'report',
			report: { type: 'earthquake', severity: 5 },
			place: null
		});
	});

	it('reads a Russian report, the place in the locative case', () => {
		expect(
			parseInbound('ОТЧЁТ оползень 3 в Кулябе дорогу завалило', gazetteer('ru'))
		).toMatchObject({
			kind: 'report',
			report: { type: 'landslide', severity: 3 },
			place: { name: 'Куляб' }
		});
		expect(parseInbound('отчет дорога закрыта 2 Мост у Фархора', gazetteer('ru'))).toMatchObject({
			report: { type: 'road_blocked', severity: 2 },
			place: { name: 'Фархор' }
		});
		expect(parseInbound('Отчет наводнение 4 вода в домах', nowhere)).toMatchObject({
			report: { type: 'flood' }
		});
	});

	it('reads coordinates, as the radio does, and looks no place up then', () => {
		const looked: string[] = [];
		const r = parseInbound('RPT flood 2 37.8,69.6 Water over the Kulob bridge', (p) => {
			looked.push(p);
			return null;
		});
		expect(r).toMatchObject({
			kind: 'report',
			report: { type: 'flood', severity: 2, lat: 37.8, lon: 69.6 },
			place: null
		});
		expect(looked).toEqual([]);
		expect(parseInbound('rpt road-blocked 3 Kulob bridge closed', gazetteer('en'))).toMatchObject({
			report: { type: 'road_blocked' },
			place: { name: 'Kulob' }
		});
	});

	it.each([
		['ХИСОБОТ лава 3 гарм', 'unknown type'],
		['ОТЧЕТ сель 9 Куляб', 'severity'],
		['RPT fire 3 95,10 big', 'place outside'],
		['ОТЧЕТ сель 4', 'title']
	])('keeps "%s" as free text and says why it is not a report', (text, why) => {
		const r = parseInbound(text, nowhere);
		expect(r.kind).toBe('free_text');
		if (r.kind === 'free_text') expect(r.problem).toContain(why);
	});

	it('takes free text with its type and place where it names them', () => {
		expect(parseInbound('Дар Кулоб сел омад, ёрӣ диҳед', gazetteer('tg'))).toMatchObject({
			kind: 'free_text',
			type: 'mudflow',
			place: { name: 'Кӯлоб' },
			problem: null
		});
		expect(parseInbound('Помогите пожалуйста', gazetteer('ru'))).toEqual({
			kind: 'free_text',
			type: 'other',
			place: null,
			problem: null
		});
	});

	it('does not take an ordinary word for a place', () => {
		for (const text of ['сел омад', 'вода пришла', 'help us now', 'Дар хона об'])
			expect(parseInbound(text, gazetteer('tg'))).toMatchObject({ place: null });
	});

	it('reads tasking answers in three languages, and only as the first word', () => {
		expect(parseInbound('ҲА 1043', nowhere)).toEqual({
			kind: 'answer',
			answer: 'accepted',
			ref: '1043',
			reason: null
		});
		expect(parseInbound('да Т-1043', nowhere)).toMatchObject({ answer: 'accepted', ref: '1043' });
		expect(parseInbound('YES', nowhere)).toMatchObject({ answer: 'accepted', ref: null });
		expect(parseInbound('НЕТ 1043 машина сломана', nowhere)).toEqual({
			kind: 'answer',
			answer: 'declined',
			ref: '1043',
			reason: 'машина сломана'
		});
		expect(parseInbound('не t-77 роҳ баста', nowhere)).toMatchObject({
			answer: 'declined',
			ref: '77'
		});
		expect(parseInbound('Да, у нас сель', nowhere)).toMatchObject({
			kind: 'free_text',
			type: 'mudflow'
		});
	});
});
