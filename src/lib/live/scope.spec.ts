import { describe, expect, it } from 'vitest';
import { streamUrlFor, wallScope } from './scope';

const url = (q = '') => new URL(`http://eoc.lan/wall${q}`);

describe('wallScope', () => {
	it('takes ?exercise= first, then the cookie, else the real picture', () => {
		expect(wallScope(url('?exercise=kulob-1'), 'eoc_exercise=other')).toBe('kulob-1');
		expect(wallScope(url(), 'lang=tg; eoc_exercise=kulob-2')).toBe('kulob-2');
		expect(wallScope(url(), 'lang=tg')).toBeNull();
	});
	it('?exercise=real and an empty value mean the real picture, whatever the cookie says', () => {
		expect(wallScope(url('?exercise=real'), 'eoc_exercise=kulob-2')).toBeNull();
		expect(wallScope(url('?exercise='), 'eoc_exercise=kulob-2')).toBeNull();
	});
	it('ignores a value that is not an id', () => {
		expect(wallScope(url(), 'eoc_exercise=a%20b')).toBeNull();
	});
});

describe('streamUrlFor', () => {
	it('names the picture explicitly, the real one too', () => {
		expect(streamUrlFor('/api/v1/stream', null)).toBe('/api/v1/stream?exercise=real');
		expect(streamUrlFor('/api/v1/stream', 'kulob-1')).toBe('/api/v1/stream?exercise=kulob-1');
	});
});
