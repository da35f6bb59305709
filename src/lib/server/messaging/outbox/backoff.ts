/**
 * When a failed attempt is tried again: exponential backoff with jitter (so that a thousand
 * messages refused by a gateway that came back do not all return in the same second), never
 * sooner than the channel asked (HTTP 429 Retry-After, SMPP throttling), and not for ever: after
 * `maxAttempts` attempts or once the message is `maxAgeMs` old it fails with the reason (a
 * warning hours late helps no one, and the console shows it to resend by hand).
 */
export interface RetryPolicy {
	/** The first retry's delay, before jitter. */
	baseMs: number;
	/** The longest delay between two attempts. */
	maxDelayMs: number;
	maxAttempts: number;
	/** From the row's creation. */
	maxAgeMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	baseMs: 2_000,
	maxDelayMs: 5 * 60_000,
	maxAttempts: 10,
	maxAgeMs: 6 * 3600_000
};

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * `attempts` counts the attempt that just failed (1 after the first). `random` is injectable
 * for the unit test. Jitter: a delay uniformly between half and all of the exponential step.
 */
export function nextAttempt(
	p: RetryPolicy,
	attempts: number,
	ageMs: number,
	reason: string,
	retryAfterMs?: number,
	random: () => number = Math.random
): RetryDecision {
	if (attempts >= p.maxAttempts)
		return { retry: false, reason: `${reason} (gave up after ${attempts} attempts)` };
	const step = Math.min(p.maxDelayMs, p.baseMs * 2 ** Math.max(0, attempts - 1));
	const delayMs = Math.max(Math.round(step * (0.5 + random() / 2)), retryAfterMs ?? 0);
	if (ageMs + delayMs > p.maxAgeMs)
		return {
			retry: false,
			reason: `${reason} (gave up after ${attempts} attempts: too old to send)`
		};
	return { retry: true, delayMs };
}
