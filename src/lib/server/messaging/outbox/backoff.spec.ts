import { describe, expect, it } from 'vitest';
import { nextAttempt, type RetryPolicy } from './backoff';

const P: RetryPolicy = { baseMs: 1000, maxDelayMs: 60_000, maxAttempts: 5, maxAgeMs: 3600_000 };

describe('nextAttempt', () => {
	it('doubles the delay per attempt, with jitter between half and all of the step', () => {
		const lo = [1, 2, 3, 4].map((a) => nextAttempt(P, a, 0, 'x', undefined, () => 0));
		const hi = [1, 2, 3, 4].map((a) => nextAttempt(P, a, 0, 'x', undefined, () => 1));
		expect(lo.map((d) => d.retry && d.delayMs)).toEqual([500, 1000, 2000, 4000]);
		expect(hi.map((d) => d.retry && d.delayMs)).toEqual([1000, 2000, 4000, 8000]);
	});

	it('caps the delay, and waits at least what the channel asked', () => {
		const capped = nextAttempt({ ...P, maxAttempts: 50 }, 30, 0, 'x', undefined, () => 1);
		expect(capped).toEqual({ retry: true, delayMs: 60_000 });
		expect(nextAttempt(P, 1, 0, 'x', 30_000, () => 0)).toEqual({ retry: true, delayMs: 30_000 });
	});

	it('gives up after the last attempt, or when the next would be too late, with the reason', () => {
		expect(nextAttempt(P, 5, 0, 'HTTP 503')).toEqual({
			retry: false,
			reason: 'HTTP 503 (gave up after 5 attempts)'
		});
		const old = nextAttempt(P, 2, 3600_000 - 100, 'timeout', undefined, () => 0);
		expect(old.retry).toBe(false);
		expect(!old.retry && old.reason).toMatch(/^timeout \(gave up after 2 attempts: too old/);
	});
});
