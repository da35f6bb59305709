import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Sign-in attempts, limited per address and per account (rate-limiter-flexible: a well-kept
 * limiter, in memory here; each instance counts its own, so N instances allow N times as many).
 * Per address: 30 attempts in 15 minutes, whether right or wrong (argon2id costs CPU).
 * Per account: 5 failures in 15 minutes; a success clears them.
 */
const WINDOW_S = 15 * 60;
const byAddress = new RateLimiterMemory({ keyPrefix: 'signin-ip', points: 30, duration: WINDOW_S });
const byAccount = new RateLimiterMemory({
	keyPrefix: 'signin-acct',
	points: 5,
	duration: WINDOW_S
});

/** Takes one attempt for the address; false when it is over its limit. */
export async function takeAddressAttempt(address: string): Promise<boolean> {
	return byAddress.consume(address).then(
		() => true,
		() => false
	);
}

/** Whether the account may try now (fewer than 5 recent failures). */
export async function accountMayTry(email: string): Promise<boolean> {
	const r = await byAccount.get(email);
	return !r || r.consumedPoints < 5;
}

export async function recordAccountFailure(email: string): Promise<void> {
	await byAccount.consume(email).catch(() => {});
}

export async function clearAccountFailures(email: string): Promise<void> {
	await byAccount.delete(email);
}
