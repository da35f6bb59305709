import { describe, expect, it } from 'vitest';
import { nearestFirst } from './matching';

describe('matching', () => {
	it('puts the nearest first and those of unknown distance last, by name', () => {
		const list = [
			{ name: 'C', km: null },
			{ name: 'far', km: 40.2 },
			{ name: 'A', km: null },
			{ name: 'near', km: 3.1 }
		];
		expect(nearestFirst(list).map((x) => x.name)).toEqual(['near', 'far', 'A', 'C']);
	});
});
