import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '$lib/server/app/config';
import type { Database } from '$lib/server/db';
import { startMessaging, type RunningMessaging } from '$lib/server/messaging/start';
import {
	Recorder,
	enqueueAll,
	fakeChannel,
	items,
	outboxBackend,
	outboxBackends,
	statusCounts,
	until,
	type OutboxBackend
} from './helpers/outbox';

const N = 1000;
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const config = loadConfig({ EOC_SEED: 'none' });

// Two instances on one database (PostgreSQL: each on its own connection pool, as two servers
// would be) work the same queue: every message is handed to a channel exactly once.
describe.each(outboxBackends())('two instances sending on %s', (backendName) => {
	let backend: OutboxBackend | null = null;
	const running: RunningMessaging[] = [];
	afterAll(async () => {
		for (const m of running) await m.stop().catch(() => {});
		await backend?.drop();
	});

	it(`hand each of ${N} messages to the channel exactly once`, async () => {
		backend = await outboxBackend(backendName);
		const dbs: Database[] = [await backend.open(), await backend.open()];
		expect(await enqueueAll(dbs[0], [...items('telegram', N / 2), ...items('email', N / 2)])).toBe(
			N
		);
		const recorder = new Recorder();
		for (const [i, db] of dbs.entries()) {
			const who = `instance-${i}`;
			// A send takes a few ms, so the instances' batches overlap in time.
			const channels = new Map(
				(['telegram', 'email'] as const).map((name) => [
					name,
					fakeChannel({ name, recorder, who, delayMs: 1 + i })
				])
			);
			running.push(
				await startMessaging({
					config,
					db,
					log,
					onIncoming: async () => {},
					channels,
					owner: who,
					sender: { maxBatch: 20, pollMs: 50 }
				})
			);
		}
		await until('all sent', async () => (await statusCounts(dbs[0])).sent === N);
		expect(recorder.duplicates()).toEqual([]);
		expect(recorder.got.size).toBe(N);
		// Both took part: otherwise the test would say nothing about two instances.
		expect(recorder.byChannelObject.get('instance-0')).toBeGreaterThan(0);
		expect(recorder.byChannelObject.get('instance-1')).toBeGreaterThan(0);
		const [row] = await dbs[0].query<{ n: number; attempts: number }>(
			`select count(*)::int as n, max(attempts) as attempts from outbox
			where status = 'sent' and external_id is not null and sent_at is not null
			and lease_owner is null`
		);
		expect(row).toEqual({ n: N, attempts: 1 });
	});
});
