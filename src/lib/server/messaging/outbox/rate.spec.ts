import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate';

describe('TokenBucket', () => {
	it('gives a burst of one second, then one token per 1/rate of a second', () => {
		let t = 0;
		const b = new TokenBucket(5, undefined, () => t);
		for (let i = 0; i < 5; i++) expect(b.tryTake()).toBe(0);
		expect(b.tryTake()).toBe(200); // empty: the next token in 1/5 s
		t = 100;
		expect(b.tryTake()).toBe(100);
		t = 200;
		expect(b.tryTake()).toBe(0);
		expect(b.tryTake()).toBe(200);
	});

	it('never holds more than the burst, however long it was idle', () => {
		let t = 0;
		const b = new TokenBucket(2, 3, () => t);
		t = 60_000;
		const taken = [0, 1, 2, 3].map(() => b.tryTake());
		expect(taken).toEqual([0, 0, 0, 500]);
	});

	it('is unlimited at Infinity and refuses a rate of 0', () => {
		const b = new TokenBucket(Infinity);
		for (let i = 0; i < 10_000; i++) expect(b.tryTake()).toBe(0);
		expect(() => new TokenBucket(0)).toThrow(/greater than 0/);
	});

	it('take() ends with false when aborted while waiting', async () => {
		const b = new TokenBucket(0.001, 1, () => 0);
		expect(await b.take()).toBe(true);
		const ac = new AbortController();
		const waiting = b.take(ac.signal);
		ac.abort();
		expect(await waiting).toBe(false);
	});
});
