import type { Database } from '../db/types';
import type { Logger } from './log';

/** Time series and logs older than the retention window are deleted; the change log keeps a day. */
export async function enforceRetention(
	db: Database,
	days: number
): Promise<Record<string, number>> {
	const window = `now() - make_interval(days => $1::int)`;
	const deleted: Record<string, number> = {};
	for (const [table, col] of [
		['team_position', 'ts'],
		['device_message', 'ts'],
		['sensor_reading', 'ts'],
		['ingested_message', 'received_at'],
		['dead_letter', 'received_at']
	] as const) {
		const [row] = await db.query<{ n: number }>(
			`with d as (delete from ${table} where ${col} < ${window} returning 1)
			select count(*)::int as n from d`,
			[days]
		);
		deleted[table] = row.n;
	}
	const [row] = await db.query<{ n: number }>(
		`with d as (delete from change where created_at < now() - interval '1 day'
			and id < (select max(id) from change) returning 1)
		select count(*)::int as n from d`
	);
	deleted.change = row.n;
	return deleted;
}

export function scheduleRetention(db: Database, days: number, log: Logger, everyMs = 3600_000) {
	const run = () =>
		enforceRetention(db, days)
			.then((deleted) => log.info({ deleted, days }, 'retention enforced'))
			.catch((err) => log.warn({ err: String(err) }, 'retention failed; will retry'));
	void run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
