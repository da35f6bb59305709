import { describe, expect, it } from 'vitest';
import { parseAreaParam } from './area';

describe('parseAreaParam (?area= of a wall screen)', () => {
	it('takes west,south,east,north in degrees', () => {
		expect(parseAreaParam('69.75,37.89,69.83,37.95')).toEqual({
			bbox: [69.75, 37.89, 69.83, 37.95],
			bad: false
		});
		expect(parseAreaParam(' -1.5, -2 ,3,4')).toEqual({ bbox: [-1.5, -2, 3, 4], bad: false });
	});

	it('is absent without the parameter', () => {
		expect(parseAreaParam(null)).toEqual({ bbox: null, bad: false });
	});

	it('refuses anything else, so the screen can say so', () => {
		for (const bad of [
			'',
			'69.75,37.89,69.83',
			'69.75,37.89,69.83,37.95,1',
			'69.83,37.89,69.75,37.95', // west > east
			'69.75,37.95,69.83,37.89', // south > north
			'69.75,,69.83,37.95',
			'a,b,c,d',
			'0,0,200,10',
			'0,-91,1,1',
			'Infinity,0,1,1',
			'0x10,0,20,1e400'
		])
			expect(parseAreaParam(bad)).toEqual({ bbox: null, bad: true });
	});
});
