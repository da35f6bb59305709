import { describe, expect, it } from 'vitest';
import { memoLast } from '$lib/wall/map/layers/common';
import { ChunkedMap, CHUNK } from '$lib/live/chunked-map';
import { objectSlot, perChunk } from './per-chunk';

describe('perChunk', () => {
	it('runs again only for the chunks a change replaced', () => {
		let runs = 0;
		const sums = perChunk((values: readonly number[]) => {
			runs++;
			return values.reduce((a, b) => a + b, 0);
		});
		const map = ChunkedMap.from(
			Array.from({ length: 3 * CHUNK }, (_, i): [string, number] => [`k${i}`, 1])
		);
		expect(sums(map)).toEqual([CHUNK, CHUNK, CHUNK]);
		expect(runs).toBe(3);
		expect(sums(map.with(`k${CHUNK}`, 2).without('k0'))).toEqual([CHUNK - 1, CHUNK + 1, CHUNK]);
		expect(runs).toBe(5);
		expect(sums([1, 2, 3])).toEqual([6]);
	});
});

describe('objectSlot', () => {
	it('keeps a value on its object, out of sight of equality, spreads and JSON', () => {
		const slot = objectSlot<number>();
		const team = { id: 'a' };
		expect(slot.get(team)).toBeUndefined();
		slot.set(team, 5);
		slot.set(team, 6);
		expect(slot.get(team)).toBe(6);
		expect(team).toEqual({ id: 'a' });
		expect(slot.get({ ...team })).toBeUndefined();
		expect(JSON.stringify(team)).toBe('{"id":"a"}');
		expect(objectSlot<number>().get(team)).toBeUndefined();
		const frozen = Object.freeze({ id: 'b' });
		slot.set(frozen, 1);
		expect(slot.get(frozen)).toBeUndefined();
	});
});

describe('memoLast', () => {
	it('answers the last call again while its arguments are the same objects', () => {
		let runs = 0;
		const join = memoLast((a: number[], b: number[]) => (runs++, [...a, ...b]));
		const [x, y] = [[1], [2]];
		const first = join(x, y);
		expect(join(x, y)).toBe(first);
		expect(runs).toBe(1);
		expect(join(x, [2])).toEqual([1, 2]);
		expect(join(x, [2])).not.toBe(first);
		expect(runs).toBe(3);
	});
});
