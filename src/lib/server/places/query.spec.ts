import { describe, expect, it } from 'vitest';
import { MAX_PLACES, parsePlaceQuery } from './query';

const parse = (s: string) => parsePlaceQuery(new URLSearchParams(s));

describe('parsePlaceQuery', () => {
	it('takes a query, a limit and a language, with a default limit', () => {
		expect(parse('q=%20Kulob%20')).toEqual({ ok: true, query: { q: 'Kulob', limit: 10 } });
		expect(parse('q=Кулоб&limit=3&lang=tg')).toEqual({
			ok: true,
			query: { q: 'Кулоб', limit: 3, lang: 'tg' }
		});
	});

	it('refuses a missing, empty or long query, a bad limit and an unknown language, saying why', () => {
		const message = (s: string) => {
			const r = parse(s);
			return r.ok ? null : r.message;
		};
		expect(message('')).toMatch(/`q` is required/);
		expect(message('q=%20%20')).toMatch(/`q` must not be empty/);
		expect(message(`q=${'a'.repeat(101)}`)).toMatch(/at most 100/);
		expect(message('q=a&limit=0')).toMatch(/`limit` must be from 1/);
		expect(message(`q=a&limit=${MAX_PLACES + 1}`)).toMatch(/`limit` must be from 1/);
		expect(message('q=a&limit=2.5')).toMatch(/whole number/);
		expect(message('q=a&limit=many')).toMatch(/whole number/);
		expect(message('q=a&lang=de')).toMatch(/`lang` must be one of/);
	});
});
