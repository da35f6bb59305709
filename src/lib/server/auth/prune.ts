import type { Database } from '../db/types';
import type { Logger } from '../ops/log';
import { prunePairings } from '../devices/pairing';
import { THROTTLE } from './throttle';

/**
 * Deletes sessions past their sliding expiry or their absolute lifetime, and throttle rows whose
 * failures are forgotten and whose block has ended, and device pairings that are used or expired
 * (devices/pairing.ts). A session is refused when it is used after
 * its end anyway; this keeps the tables from growing with abandoned sessions and guessed emails.
 */
export async function pruneAuth(db: Database, maxAgeDays: number) {
	const [s] = await db.query<{ n: number }>(
		`with d as (delete from session
			where expires_at < now() or created_at < now() - make_interval(days => $1::int) returning 1)
		select count(*)::int as n from d`,
		[maxAgeDays]
	);
	const [t] = await db.query<{ n: number }>(
		`with d as (delete from sign_in_throttle
			where last_failure_at < now() - make_interval(secs => $1::int)
				and (blocked_until is null or blocked_until < now()) returning 1)
		select count(*)::int as n from d`,
		[THROTTLE.forgetAfterS]
	);
	return { session: s.n, sign_in_throttle: t.n, device_pairing: await prunePairings(db) };
}

/** Runs `pruneAuth` now and then every `everyMs` (the retention job's pattern). */
export function scheduleAuthPrune(
	db: Database,
	maxAgeDays: number,
	log: Logger,
	everyMs = 3600_000
) {
	const run = () =>
		pruneAuth(db, maxAgeDays)
			.then((deleted) =>
				log.info({ deleted }, 'expired sessions, sign-in throttles and pairings pruned')
			)
			.catch((err) => log.warn({ err: String(err) }, 'pruning sessions failed; will retry'));
	void run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
