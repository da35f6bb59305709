import { describe, expect, it } from 'vitest';
import { CHUNK, ChunkedMap } from './chunked-map';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The same entries, in the same order, as the Map it models. */
function expectSame<V>(map: ChunkedMap<V>, model: Map<string, V>) {
	expect([...map.entries()]).toEqual([...model.entries()]);
	expect([...map.keys()]).toEqual([...model.keys()]);
	expect([...map.values()]).toEqual([...model.values()]);
	expect(map.size).toBe(model.size);
}

describe('ChunkedMap', () => {
	it('gets, sets and deletes like a Map', () => {
		let map = ChunkedMap.empty<number>();
		map = map.with('a', 1).with('b', 2).with('c', 3);
		expect(map.get('b')).toBe(2);
		expect(map.has('c')).toBe(true);
		expect(map.has('z')).toBe(false);
		expect(map.get('z')).toBeUndefined();
		map = map.with('b', 20).without('a');
		expectSame(
			map,
			new Map([
				['b', 20],
				['c', 3]
			])
		);
	});

	it('keeps insertion order: a held key keeps its place, a deleted one set again goes last', () => {
		const map = ChunkedMap.from([
			['x', 1],
			['y', 2],
			['z', 3]
		])
			.with('x', 10)
			.without('y')
			.with('y', 20);
		expect([...map.keys()]).toEqual(['x', 'z', 'y']);
		expect(map.get('y')).toBe(20);
	});

	it('follows a Map through thousands of random changes across many chunks', () => {
		const rnd = random(42);
		let map = ChunkedMap.empty<number>();
		const model = new Map<string, number>();
		const history: [ChunkedMap<number>, Map<string, number>][] = [];
		for (let step = 0; step < 6000; step++) {
			if (step % 100 === 0) history.push([map, new Map(model)]);
			const key = `k${Math.floor(rnd() * 700)}`;
			if (rnd() < 0.3) {
				map = map.without(key);
				model.delete(key);
			} else {
				map = map.with(key, step);
				model.set(key, step);
			}
			if (step % 500 === 0) expectSame(map, model);
		}
		expectSame(map, model);
		for (const key of model.keys()) expect(map.get(key)).toBe(model.get(key));
		expect(map.get('k-none')).toBeUndefined();
		// Every version kept along the way still holds what it held.
		for (const [old, was] of history) {
			expectSame(old, was);
			for (const key of was.keys()) expect(old.get(key)).toBe(was.get(key));
		}
	});

	it('packs deleted slots once they outnumber the entries, and still answers like a Map', () => {
		let map = ChunkedMap.from(Array.from({ length: 3 * CHUNK }, (_, i) => [`k${i}`, i] as const));
		const model = new Map([...map]);
		for (let i = 0; i < 3 * CHUNK - 10; i++) {
			map = map.without(`k${i}`);
			model.delete(`k${i}`);
		}
		expectSame(map, model);
		expect(map.chunks().length).toBe(1);
		map = map.with('k0', 0).with('k3', 3);
		model.set('k0', 0).set('k3', 3);
		expectSame(map, model);
	});

	it('never changes a version once made, whatever is done to it or its descendants', () => {
		const base = ChunkedMap.from(Array.from({ length: 300 }, (_, i) => [`k${i}`, i] as const));
		const before = [...base];
		const next = base.with('k5', -5).without('k6').with('new', 1);
		expect([...base]).toEqual(before);
		expect(base.get('k5')).toBe(5);
		expect(base.has('new')).toBe(false);
		expect(base.has('k6')).toBe(true);
		// A branch from the old version: neither line sees the other's changes.
		const branch = base.with('other', 2).with('k5', 55);
		expect(branch.has('new')).toBe(false);
		expect(branch.get('k5')).toBe(55);
		expect(branch.has('k6')).toBe(true);
		expect(next.has('other')).toBe(false);
		expect(next.get('k5')).toBe(-5);
		expect([...next.keys()].slice(-1)).toEqual(['new']);
		expect([...branch.keys()].slice(-1)).toEqual(['other']);
		expect([...base]).toEqual(before);
	});

	it('an older version keeps a key that a newer one deleted and set again', () => {
		const v1 = ChunkedMap.from([
			['a', 1],
			['b', 2],
			['c', 3]
		]);
		const v2 = v1.without('b');
		const v3 = v2.with('b', 9);
		expect(v1.get('b')).toBe(2);
		expect([...v1.keys()]).toEqual(['a', 'b', 'c']);
		expect(v2.has('b')).toBe(false);
		expect([...v3.keys()]).toEqual(['a', 'c', 'b']);
		expect(v3.get('b')).toBe(9);
	});

	it('a key added by a newer version is absent from an older one that then adds it itself', () => {
		const v1 = ChunkedMap.from([['a', 1]]);
		const v2 = v1.with('b', 2);
		const v1b = v1.with('c', 3).with('b', 20);
		expect([...v1b]).toEqual([
			['a', 1],
			['c', 3],
			['b', 20]
		]);
		expect([...v2]).toEqual([
			['a', 1],
			['b', 2]
		]);
		expect(v1.has('b')).toBe(false);
	});

	it('returns itself for a change that changes nothing', () => {
		const map = ChunkedMap.from([['a', 1]]);
		expect(map.with('a', 1)).toBe(map);
		expect(map.without('zz')).toBe(map);
	});

	it('shares the chunks a change did not touch', () => {
		const map = ChunkedMap.from(Array.from({ length: 4 * CHUNK }, (_, i) => [`k${i}`, i] as const));
		const next = map.with(`k${CHUNK + 1}`, -1);
		const [a, b, c, d] = map.chunks();
		const [a2, b2, c2, d2] = next.chunks();
		expect([a2, c2, d2]).toEqual([a, c, d]);
		expect(a2).toBe(a);
		expect(c2).toBe(c);
		expect(d2).toBe(d);
		expect(b2).not.toBe(b);
		expect(b.values[1]).toBe(CHUNK + 1);
	});

	it('names the keys changed since an earlier version of its line, or says it does not know', () => {
		const v0 = ChunkedMap.from([
			['a', 1],
			['b', 2]
		]);
		const v1 = v0.with('a', 10);
		const v2 = v1.without('b').with('c', 3).with('a', 11);
		expect(v2.changesSince(v2)).toEqual([]);
		expect(v1.changesSince(v0)).toEqual(['a']);
		expect(new Set(v2.changesSince(v0))).toEqual(new Set(['a', 'b', 'c']));
		expect(new Set(v2.changesSince(v1))).toEqual(new Set(['a', 'b', 'c']));
		// Not an earlier version: a later one, another line, a branch.
		expect(v0.changesSince(v2)).toBeNull();
		expect(v2.changesSince(ChunkedMap.from([['a', 1]]))).toBeNull();
		const branch = v0.with('x', 1);
		expect(branch.changesSince(v0)).toBeNull();
		expect(branch.changesSince(v2)).toBeNull();
		const changedBranch = v0.with('a', 100);
		expect(changedBranch.changesSince(v2)).toBeNull();
		expect(changedBranch.changesSince(v1)).toBeNull();
	});

	it('forgets changes more than a thousand versions back', () => {
		const v0 = ChunkedMap.from([['a', 0]]);
		let v = v0;
		for (let i = 1; i <= 2000; i++) v = v.with('a', i);
		expect(v.changesSince(v0)).toBeNull();
	});
});
