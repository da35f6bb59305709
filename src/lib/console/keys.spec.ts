import { describe, expect, it } from 'vitest';
import { keepSelection, shortcutOf, stepThrough } from './keys';

/** Enough of an element for isTyping: the tag it sits in, whether it is editable. */
const el = (inside: string | null, editable = false) =>
	({
		isContentEditable: editable,
		closest: (sel: string) => (inside && sel.includes(inside) ? {} : null)
	}) as unknown as EventTarget;

const key = (k: string, target: EventTarget | null = null, mods: Partial<KeyboardEvent> = {}) => ({
	key: k,
	ctrlKey: false,
	altKey: false,
	metaKey: false,
	defaultPrevented: false,
	target,
	...mods
});

describe('shortcutOf', () => {
	it('maps j/n/k/a/m/r to the queue actions', () => {
		expect(['j', 'n', 'k', 'a', 'm', 'r', 'x'].map((k) => shortcutOf(key(k)))).toEqual([
			'next',
			'next',
			'previous',
			'accept',
			'merge',
			'reject',
			null
		]);
	});

	it('works on a Russian or Tajik layout, by the key pressed', () => {
		// On ЙЦУКЕН the keys J, K, A, M, R give о, л, ф, ь, к.
		const cyrillic = [
			['о', 'KeyJ'],
			['л', 'KeyK'],
			['ф', 'KeyA'],
			['ь', 'KeyM'],
			['к', 'KeyR']
		] as const;
		expect(cyrillic.map(([k, code]) => shortcutOf(key(k, null, { code })))).toEqual([
			'next',
			'previous',
			'accept',
			'merge',
			'reject'
		]);
		expect(shortcutOf(key('ч', null, { code: 'KeyX' }))).toBeNull();
	});

	it('is never a command while typing, nor with Ctrl, Alt or Meta', () => {
		for (const tag of ['input', 'textarea', 'select', '[contenteditable="true"]']) {
			expect(shortcutOf(key('a', el(tag)))).toBeNull();
		}
		expect(shortcutOf(key('a', el(null, true)))).toBeNull();
		expect(shortcutOf(key('a', null, { ctrlKey: true }))).toBeNull();
		expect(shortcutOf(key('r', null, { metaKey: true }))).toBeNull();
		expect(shortcutOf(key('j', null, { defaultPrevented: true }))).toBeNull();
		expect(shortcutOf(key('a', el(null)))).toBe('accept');
	});
});

describe('stepThrough', () => {
	const ids = ['a', 'b', 'c'];
	it('starts at the first (next) or the last (previous) and stops at the ends', () => {
		expect(stepThrough(ids, null, 1)).toBe('a');
		expect(stepThrough(ids, null, -1)).toBe('c');
		expect(stepThrough(ids, 'a', 1)).toBe('b');
		expect(stepThrough(ids, 'c', 1)).toBe('c');
		expect(stepThrough(ids, 'a', -1)).toBe('a');
		expect(stepThrough(ids, 'gone', 1)).toBe('a');
		expect(stepThrough([], 'a', 1)).toBeNull();
	});
});

describe('keepSelection', () => {
	it('keeps a report still queued, else takes the one now in its place', () => {
		expect(keepSelection(['a', 'b', 'c'], ['a', 'b', 'c', 'd'], 'b')).toBe('b');
		expect(keepSelection(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
		expect(keepSelection(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
		expect(keepSelection(['a', 'b'], [], 'a')).toBeNull();
		expect(keepSelection(['a'], ['x'], null)).toBeNull();
	});
});
