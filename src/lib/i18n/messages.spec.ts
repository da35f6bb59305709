import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNumber } from './index';

const load = (l: string) =>
	JSON.parse(
		readFileSync(new URL(`../../../messages/${l}.json`, import.meta.url), 'utf8')
	) as Record<string, string>;
const keysOf = (o: Record<string, string>) =>
	Object.keys(o)
		.filter((k) => k !== '$schema')
		.sort();

describe('messages', () => {
	const en = load('en');
	it.each(['ru', 'tg'])('%s has exactly the keys of en, each non-empty', (l) => {
		const other = load(l);
		expect(keysOf(other)).toEqual(keysOf(en));
		for (const k of keysOf(other)) expect(other[k].trim(), `${l}.${k}`).not.toBe('');
	});
	it('en has no empty message', () => {
		for (const k of keysOf(en)) expect(en[k].trim(), `en.${k}`).not.toBe('');
	});
	it('the same {placeholders} in every language', () => {
		const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const l of ['ru', 'tg']) {
			const other = load(l);
			for (const k of keysOf(en)) expect(ph(other[k]), `${l}.${k}`).toEqual(ph(en[k]));
		}
	});
	// Technical names (file formats, protocols) and the product's name stay Latin in every language.
	it('Tajik text uses the Tajik Cyrillic letters, not Latin look-alikes', () => {
		const tg = load('tg');
		for (const k of keysOf(tg).filter((k) => k !== 'app_name'))
			expect(
				tg[k]
					.replace(/\bnpm (start|run [\w:-]+)/g, '') // a command to type stays as typed
					.replace(/«[^»]*»/g, '') // so does a quoted line that the server prints
					.replace(/\b[A-Z2-9]{4}-[A-Z2-9]{4}\b/g, '') // a pairing code as shown
					.replace(/\b(API|GPS|MQTT|PDF|CSV|GeoJSON|KML|CAP|CoT|XML|RRGGBB|ICS|eocwall)\b/g, ''),
				`tg.${k}`
			).not.toMatch(/[a-zA-Z]{3,}(?![^{]*\})/u);
	});
});

describe('formatNumber', () => {
	it('groups digits per locale', () => {
		expect(formatNumber(1514, 'en')).toBe('1,514');
		expect(formatNumber(1514, 'ru').replace(/\s/gu, ' ')).toBe('1 514');
	});
});
