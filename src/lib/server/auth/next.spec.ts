import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('safeNext', () => {
	it('keeps a path of this site with its query and fragment', () => {
		expect(safeNext('/wall/boards?lang=ru')).toBe('/wall/boards?lang=ru');
		expect(safeNext('/console/incidents/abc#log')).toBe('/console/incidents/abc#log');
		expect(safeNext('/')).toBe('/');
		expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example'); // a path here
	});

	it('refuses whatever would lead to another host', () => {
		for (const v of [
			'//evil.example',
			'//evil.example/wall',
			'/\\evil.example',
			'/\\/evil.example',
			'https://evil.example/',
			'http://127.0.0.1:1/',
			'javascript:alert(1)',
			'evil.example',
			'',
			' /wall'
		])
			expect(safeNext(v), v).toBe('/');
	});

	it('refuses control characters, which browsers strip or misread', () => {
		for (const v of [
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r/x',
			'/wall\u0000',
			'/a\u007f',
			'/a\u0085'
		])
			expect(safeNext(v), JSON.stringify(v)).toBe('/');
	});

	it('refuses the sign-in and sign-out pages, non-strings and overlong values', () => {
		expect(safeNext('/login?next=/wall')).toBe('/');
		expect(safeNext('/logout')).toBe('/');
		expect(safeNext('/login/')).toBe('/');
		expect(safeNext('/loginx')).toBe('/loginx');
		expect(safeNext(null)).toBe('/');
		expect(safeNext(['/wall'])).toBe('/');
		expect(safeNext('/' + 'a'.repeat(600))).toBe('/');
		expect(safeNext('//evil', '/console')).toBe('/console');
	});
});
