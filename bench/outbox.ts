// `npm run bench -- --outbox only`: the outbox's throughput per channel, through the real
// adapters to the local protocol servers of the tests (tests/helpers/messaging: the SMS gateway's
// HTTP API, an SMSC over SMPP, the Telegram Bot API, SMTP), on PGlite in this process. Each
// channel gets `messages` rows; two runs on fresh databases: at the configured rate limits (for at
// most `seconds`), then with the limits lifted. Limited ÷ limit near 1 and lifted far above it
// say the limiter is what bounds the rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/lib/server/app/config';
import { openDatabase } from '../src/lib/server/db';
import type { ChannelName } from '../src/lib/server/messaging/channel';
import { createChannels } from '../src/lib/server/messaging/channels';
import { startMessaging } from '../src/lib/server/messaging/start';
import { enqueueAll, items } from '../tests/helpers/outbox';
import { startMessagingServers, type MessagingServers } from '../tests/helpers/messaging';
import { fmtInt, note, onCleanup, sleep, table } from './util';

const MIGRATIONS = resolve(import.meta.dirname, '..', 'drizzle');

export interface OutboxRun {
	channel: ChannelName;
	limit: number;
	sent: number;
	seconds: number;
	/** Messages a second, as the server received them. */
	rate: number;
}

export interface OutboxResult {
	messages: number;
	limited: OutboxRun[];
	lifted: OutboxRun[];
}

function received(s: MessagingServers): Record<ChannelName, number> {
	return {
		sms_gateway: s.gateway.messages.length,
		smpp: s.smpp.messages.length,
		telegram: s.telegram.sent.length,
		email: s.smtp.messages.length
	};
}

async function run(messages: number, seconds: number, lifted: boolean): Promise<OutboxRun[]> {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-outbox-'));
	const servers = await startMessagingServers();
	const log = pino({ level: 'silent' });
	const config = loadConfig({ ...servers.env, PGLITE_DIR: dir, EOC_SEED: 'none' });
	const db = await openDatabase(config);
	let m: Awaited<ReturnType<typeof startMessaging>> | null = null;
	const done = onCleanup(`outbox bench (${lifted ? 'lifted' : 'limited'})`, async () => {
		await m?.stop().catch(() => {});
		await servers.stop().catch(() => {});
		await db.close().catch(() => {});
		rmSync(dir, { recursive: true, force: true });
	});
	try {
		await db.migrate(MIGRATIONS);
		const channels = createChannels(config, log);
		if (channels.size === 0) throw new Error('no messaging channel is configured');
		const names = [...channels.keys()];
		for (const name of names) await enqueueAll(db, items(name, messages, 'w-bench'));
		note(
			`outbox: ${fmtInt(messages)} messages on each of ${names.join(', ')}, ` +
				(lifted ? 'rate limits lifted' : `at the configured rate limits (at most ${seconds} s)`)
		);
		const limits = new Map(names.map((n) => [n, channels.get(n)!.ratePerSecond]));
		const t0 = performance.now();
		m = await startMessaging({
			config,
			db,
			log,
			onIncoming: async () => {},
			channels,
			sender: { ratePerSecond: lifted ? Infinity : undefined, pollMs: 100 }
		});
		const finished = new Map<ChannelName, number>();
		const deadline = t0 + seconds * 1000;
		while (finished.size < names.length && performance.now() < deadline) {
			await sleep(50);
			const got = received(servers);
			for (const n of names)
				if (!finished.has(n) && got[n] >= messages) finished.set(n, performance.now());
		}
		const end = performance.now();
		const got = received(servers);
		return names.map((channel) => {
			const s = ((finished.get(channel) ?? end) - t0) / 1000;
			return {
				channel,
				limit: limits.get(channel)!,
				sent: got[channel],
				seconds: s,
				rate: got[channel] / s
			};
		});
	} finally {
		await done();
	}
}

export async function outboxRun(o: { messages: number; seconds: number }): Promise<OutboxResult> {
	const limited = await run(o.messages, o.seconds, false);
	const lifted = await run(o.messages, Math.max(o.seconds, 300), true);
	return { messages: o.messages, limited, lifted };
}

export function outboxReport(r: OutboxResult): string {
	const f = (v: number) => (v >= 100 ? fmtInt(Math.round(v)) : v.toFixed(1));
	const head = [
		'channel',
		'limit /s',
		'limited: sent',
		'in s',
		'msg/s',
		'÷ limit',
		'lifted: sent',
		'in s',
		'msg/s'
	];
	const body = r.limited.map((l) => {
		const u = r.lifted.find((x) => x.channel === l.channel)!;
		return [
			l.channel,
			f(l.limit),
			fmtInt(l.sent),
			l.seconds.toFixed(1),
			f(l.rate),
			(l.rate / l.limit).toFixed(2),
			fmtInt(u.sent),
			u.seconds.toFixed(1),
			f(u.rate)
		];
	});
	return `Outbox throughput per channel (${fmtInt(r.messages)} messages each, PGlite, local servers in process)\n${table([head, ...body])}`;
}
