import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '$lib/server/app/config';
import type { Database } from '$lib/server/db';
import { resendFailed, resendUnknown } from '$lib/server/messaging/outbox/actions';
import { UNKNOWN_REASON } from '$lib/server/messaging/outbox/recovery';
import { progressRecorder } from '$lib/server/messaging/outbox/progress';
import { startMessaging, type RunningMessaging } from '$lib/server/messaging/start';
import type { Channel, ChannelName } from '$lib/server/messaging/channel';
import {
	Recorder,
	enqueueAll,
	fakeChannel,
	items,
	outboxBackend,
	statusCounts,
	until,
	type OutboxBackend
} from './helpers/outbox';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const config = loadConfig({ EOC_SEED: 'none' });
const FAST_RETRY = { baseMs: 20, maxDelayMs: 100, maxAttempts: 3, maxAgeMs: 3600_000 };

describe('the outbox sender (PGlite, in process)', () => {
	let backend: OutboxBackend;
	let db: Database;
	let m: RunningMessaging | null = null;
	beforeAll(async () => {
		backend = await outboxBackend('pglite');
		db = await backend.open();
	});
	afterEach(async () => {
		await m?.stop();
		m = null;
		await db.query('delete from outbox');
	});
	afterAll(() => backend.drop());

	const start = async (
		channels: Channel[],
		extra: { onChange?(s: ReadonlySet<string>): void } = {}
	) =>
		(m = await startMessaging({
			config,
			db,
			log,
			onIncoming: async () => {},
			channels: new Map(channels.map((c) => [c.name, c] as [ChannelName, Channel])),
			owner: 'test',
			sender: { retry: FAST_RETRY, pollMs: 50, leaseMs: 60_000 },
			...extra
		}));

	const rows = (channel: string) =>
		db.query<{ status: string; attempts: number; last_error: string | null }>(
			'select status, attempts, last_error from outbox where channel = $1 order by id',
			[channel]
		);

	it('retries a channel that answers errors with backoff, then fails it with the reason; another channel is unaffected', async () => {
		const recorder = new Recorder();
		const broken = fakeChannel({
			name: 'sms_gateway',
			recorder,
			answer: () => ({ ok: false, retry: true, reason: 'HTTP 503 from the gateway' })
		});
		// A channel that does not answer until the end of the test: its loop waits, the others do not.
		let unhang: () => void = () => {};
		const hung = new Promise<void>((r) => (unhang = r));
		const hanging = fakeChannel({
			name: 'smpp',
			recorder,
			answer: async () => {
				await hung;
				return { ok: false, retry: true, reason: 'timeout' };
			}
		});
		const email = fakeChannel({ name: 'email', recorder });
		await enqueueAll(db, [...items('sms_gateway', 5), ...items('smpp', 2), ...items('email', 50)]);
		const changes: string[] = [];
		await start([broken, hanging, email], { onChange: (s) => changes.push(...s) });
		await until('email sent', async () => (await rows('email')).every((r) => r.status === 'sent'));
		await until('gateway failed', async () =>
			(await rows('sms_gateway')).every((r) => r.status === 'failed')
		);
		const gw = await rows('sms_gateway');
		expect(gw.map((r) => r.attempts)).toEqual([3, 3, 3, 3, 3]);
		expect(gw[0].last_error).toBe('HTTP 503 from the gateway (gave up after 3 attempts)');
		expect([...broken.attempts.values()]).toEqual([3, 3, 3, 3, 3]);
		expect(recorder.got.size).toBe(50);
		expect(changes).toContain('warning:w-test');
		expect(hanging.attempts.size).toBeGreaterThan(0);
		expect((await rows('smpp')).map((r) => r.status)).toEqual(['sending', 'sending']);
		unhang();
	});

	it('fails at once a message the channel refuses for good, and resendFailed requeues it, audited', async () => {
		const recorder = new Recorder();
		let refuse = true;
		const tg = fakeChannel({
			name: 'telegram',
			recorder,
			answer: () =>
				refuse ? { ok: false, retry: false, reason: 'the chat blocked the bot' } : { ok: true }
		});
		await enqueueAll(db, items('telegram', 3, 'w-refused'));
		await start([tg]);
		await until('failed', async () => (await rows('telegram')).every((r) => r.status === 'failed'));
		expect((await rows('telegram')).map((r) => [r.attempts, r.last_error])).toEqual(
			Array(3).fill([1, 'the chat blocked the bot'])
		);
		refuse = false;
		const ids = await resendFailed(db, { sourceId: 'w-refused' }, 'op@example.org');
		expect(ids).toHaveLength(3);
		m!.poke();
		await until('sent', async () => (await rows('telegram')).every((r) => r.status === 'sent'));
		const [a] = await db.query<{ actor: string; action: string; target: string; detail: unknown }>(
			`select actor, action, target, detail from audit_log where action like 'outbox.%'`
		);
		expect(a).toMatchObject({
			actor: 'op@example.org',
			action: 'outbox.resend_failed',
			target: 'w-refused',
			detail: { count: 3, ids }
		});
		expect(await resendFailed(db, { ids }, 'op@example.org')).toEqual([]); // sent: not requeued
	});

	it('holds a channel back as long as it asked (Retry-After), handing it nothing more', async () => {
		const recorder = new Recorder();
		const gw = fakeChannel({
			name: 'sms_gateway',
			recorder,
			answer: () => ({ ok: false, retry: true, reason: 'HTTP 429', retryAfterMs: 600_000 })
		});
		await enqueueAll(db, items('sms_gateway', 20, 'w-429'));
		await start([gw]);
		await until('the batch written', async () => {
			const r = await rows('sms_gateway');
			return r.every((x) => x.status === 'queued') && r.some((x) => x.last_error !== null);
		});
		m!.poke();
		await m!.recover();
		// Only what was already in flight when the 429 came was tried; none after it.
		expect(gw.attempts.size).toBeGreaterThan(0);
		expect(gw.attempts.size).toBeLessThanOrEqual(8);
		const [late] = await db.query<{ n: number }>(
			`select count(*)::int as n from outbox where attempts > 0
			and next_attempt_at < now() + interval '590 seconds'`
		);
		expect(late.n).toBe(0);
	});

	it('limits each channel to its own rate (the bucket itself: rate.spec.ts)', async () => {
		const recorder = new Recorder();
		const smpp = fakeChannel({ name: 'smpp', recorder, ratePerSecond: 5 });
		const tg = fakeChannel({ name: 'telegram', recorder, ratePerSecond: 30 });
		await start([smpp, tg]);
		expect(m!.senders.get('smpp')!.bucket.ratePerSecond).toBe(5);
		expect(m!.senders.get('telegram')!.bucket.ratePerSecond).toBe(30);
	});

	it('resolves rows left in doubt: lookup where the channel has it, else unknown until an operator resends', async () => {
		const recorder = new Recorder();
		const gw = fakeChannel({ name: 'sms_gateway', recorder, lookup: true });
		const mail = fakeChannel({ name: 'email', recorder });
		await enqueueAll(db, [...items('sms_gateway', 4, 'w-doubt'), ...items('email', 3, 'w-doubt')]);
		// As a killed instance leaves them: sending, its lease run out, handed over. The gateway had
		// taken two. The third email was claimed and never handed over: not in doubt.
		await db.query(
			`update outbox set status = 'sending', attempts = 1, lease_owner = 'dead',
			lease_until = now() - interval '1 second',
			handed_at = case when key = 'warning:w-doubt:c-2:email' then null else now() end`
		);
		recorder.add('warning:w-doubt:c-0:sms_gateway', 'before');
		recorder.add('warning:w-doubt:c-1:sms_gateway', 'before');
		await start([gw, mail]);
		await until('gateway rows sent', async () =>
			(await rows('sms_gateway')).every((r) => r.status === 'sent')
		);
		// Exactly once: the two it had are not sent again, the two it had not are sent now.
		expect(recorder.duplicates()).toEqual([]);
		expect([...gw.attempts.keys()].sort()).toEqual([
			'warning:w-doubt:c-2:sms_gateway',
			'warning:w-doubt:c-3:sms_gateway'
		]);
		await until('the email never handed over sent', async () =>
			(await rows('email')).some((r) => r.status === 'sent')
		);
		expect(await rows('email')).toEqual([
			{ status: 'unknown', attempts: 1, last_error: UNKNOWN_REASON },
			{ status: 'unknown', attempts: 1, last_error: UNKNOWN_REASON },
			{ status: 'sent', attempts: 1, last_error: null }
		]);
		// The two in doubt are never sent again automatically; the one never handed over is.
		expect([...mail.attempts.keys()]).toEqual(['warning:w-doubt:c-2:email']);
		await m!.recover();
		expect(mail.attempts.size).toBe(1);
		const ids = await resendUnknown(db, { sourceId: 'w-doubt' }, 'sup@example.org');
		expect(ids).toHaveLength(2);
		m!.poke();
		await until('email sent', async () => (await rows('email')).every((r) => r.status === 'sent'));
		expect(mail.attempts.size).toBe(3);
	});

	it('records delivery reports by the channel id', async () => {
		const recorder = new Recorder();
		const gw = fakeChannel({ name: 'sms_gateway', recorder });
		await enqueueAll(db, items('sms_gateway', 2, 'w-dlr'));
		await start([gw]);
		await until('sent', async () => (await statusCounts(db)).sent === 2);
		const at = new Date('2026-05-01T10:00:00Z');
		await gw.deliver({ externalId: 'x-warning:w-dlr:c-0:sms_gateway', delivered: true, at });
		await gw.deliver({
			externalId: 'x-warning:w-dlr:c-1:sms_gateway',
			delivered: false,
			reason: 'absent subscriber',
			at
		});
		await gw.deliver({ externalId: 'no-such-id', delivered: true, at });
		const got = await db.query<{
			status: string;
			last_error: string | null;
			delivered_at: Date | null;
		}>('select status, last_error, delivered_at from outbox order by id');
		expect(
			got.map((r) => [
				r.status,
				r.last_error,
				r.delivered_at && new Date(r.delivered_at).toISOString()
			])
		).toEqual([
			['delivered', null, at.toISOString()],
			['failed', 'absent subscriber', null]
		]);
	});

	it('stop() finishes the send in flight and gives back what it had not handed over', async () => {
		const recorder = new Recorder();
		let release: () => void = () => {};
		const gate = new Promise<void>((r) => (release = r));
		let started = 0;
		const gw = fakeChannel({
			name: 'sms_gateway',
			recorder,
			ratePerSecond: 1, // one now, the next in a second: stop comes between
			lookup: true,
			answer: async () => {
				started++;
				await gate;
				return { ok: true };
			}
		});
		await enqueueAll(db, items('sms_gateway', 3, 'w-stop'));
		await start([gw]);
		await until('one in flight', async () => started === 1);
		const stopping = m!.stop();
		release();
		await stopping;
		m = null;
		expect(await rows('sms_gateway')).toEqual([
			{ status: 'sent', attempts: 1, last_error: null },
			{ status: 'queued', attempts: 0, last_error: null },
			{ status: 'queued', attempts: 0, last_error: null }
		]);
		expect(started).toBe(1);
	});

	it('tells the screens through the change log: one outbox change per source and batch, with counts', async () => {
		const recorder = new Recorder();
		const tg = fakeChannel({ name: 'telegram', recorder });
		await enqueueAll(db, [
			...items('telegram', 30, 'w-progress'),
			...items('email', 2, 'w-progress').map((i) => ({
				...i,
				exercise: null,
				failed: 'email is not configured'
			}))
		]);
		const [before] = await db.query<{ max: number | null }>(
			'select max(id)::int as max from change'
		);
		let pokes = 0;
		const progress = progressRecorder(db, log, () => pokes++, 10_000);
		await start([tg], { onChange: (s) => progress.changed(s) });
		await until('sent', async () => (await statusCounts(db)).sent === 30);
		await m!.stop();
		m = null;
		await progress.flush();
		const changes = await db.query<{ kind: string; entity_id: string; data: unknown }>(
			'select kind, entity_id, data from change where id > $1 order by id',
			[before.max ?? 0]
		);
		// However many batches, one change within the gap.
		expect(changes).toEqual([
			{
				kind: 'outbox',
				entity_id: 'warning:w-progress',
				data: {
					id: 'warning:w-progress',
					sourceKind: 'warning',
					sourceId: 'w-progress',
					exercise: null,
					channels: { telegram: { sent: 30 }, email: { failed: 2 } }
				}
			}
		]);
		expect(pokes).toBe(1);
	});
});
