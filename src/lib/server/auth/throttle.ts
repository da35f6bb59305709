import type { RequestEvent } from '@sveltejs/kit';
import type { Queryable } from '../db';
import { log } from '../ops/log';

/**
 * Sign-in throttling, held in the database so that every instance counts the same failures.
 * Failures are counted per account (the email as typed, whether or not such a user exists, so the
 * answers tell nothing about which accounts exist) and per client address. Past a number of free
 * failures each one blocks further attempts for a time that doubles, up to 15 minutes: a guesser is
 * slowed to a few tries an hour, while the owner is never locked out for longer than that. A
 * success clears the account's count; a quiet hour forgets both.
 */
export type ThrottleKind = 'account' | 'address';

export const THROTTLE = {
	/** Failures before the first delay. */
	free: { account: 5, address: 30 } as Record<ThrottleKind, number>,
	/** The first delay, doubled with every failure after it. */
	firstDelayS: 30,
	maxDelayS: 15 * 60,
	/** Failures older than this are forgotten: the next one counts as the first. */
	forgetAfterS: 60 * 60
};

/** Seconds blocked after the n-th failure in a row (0 while failures are still free). */
export function delayAfter(failures: number, kind: ThrottleKind): number {
	const over = failures - THROTTLE.free[kind];
	if (over < 0) return 0;
	return Math.min(THROTTLE.maxDelayS, THROTTLE.firstDelayS * 2 ** Math.min(over, 30));
}

let warnedNoAddress = false;

/**
 * The client's address as adapter-node gives it: the socket's, or behind a proxy the one in
 * ADDRESS_HEADER (with XFF_DEPTH for X-Forwarded-For). adapter-node throws when that header is
 * missing (a request that went round the proxy): such requests share one key, `unknown`, and the
 * first is logged, rather than failing the sign-in with a 500.
 */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch (err) {
		if (!warnedNoAddress)
			log.warn({ err: String(err) }, 'no client address (request not through the proxy?)');
		warnedNoAddress = true;
		return 'unknown';
	}
}

/** Who is trying: the account (the email as typed; none for a kiosk's token) and the address. */
export interface Attempt {
	account?: string;
	address: string;
}

/** How long, in whole seconds, before this account or address may try again (0: now). */
export async function waitBeforeTrying(q: Queryable, who: Attempt): Promise<number> {
	const [r] = await q.query<{ wait: number | null }>(
		`select ceil(extract(epoch from max(blocked_until) - now()))::int as wait
		from sign_in_throttle
		where (kind = 'account' and key = $1) or (kind = 'address' and key = $2)`,
		[who.account ?? null, who.address]
	);
	return Math.max(0, r?.wait ?? 0);
}

/** Counts a failure against the account and the address, and blocks either when due. */
export async function recordFailure(q: Queryable, who: Attempt): Promise<void> {
	const keys: [ThrottleKind, string][] = [['address', who.address]];
	if (who.account !== undefined) keys.push(['account', who.account]);
	for (const [kind, key] of keys) {
		const [r] = await q.query<{ failures: number }>(
			`insert into sign_in_throttle (kind, key, failures, last_failure_at)
			values ($1, $2, 1, now())
			on conflict (kind, key) do update set
				failures = case
					when sign_in_throttle.last_failure_at < now() - make_interval(secs => $3::int) then 1
					else sign_in_throttle.failures + 1 end,
				last_failure_at = now()
			returning failures`,
			[kind, key, THROTTLE.forgetAfterS]
		);
		const delay = delayAfter(r.failures, kind);
		if (delay > 0)
			await q.query(
				`update sign_in_throttle set blocked_until = now() + make_interval(secs => $3::int)
				where kind = $1 and key = $2`,
				[kind, key, delay]
			);
	}
}

/** After a successful sign-in: the account starts afresh (the address does not). */
export async function clearAccount(q: Queryable, email: string): Promise<void> {
	await q.query(`delete from sign_in_throttle where kind = 'account' and key = $1`, [email]);
}
