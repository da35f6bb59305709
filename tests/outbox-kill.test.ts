import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '$lib/server/db';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';
import { startMessagingServers, type MessagingServers } from './helpers/messaging';
import { MIGRATIONS, enqueueAll, items, until } from './helpers/outbox';
import type { ChannelName } from '$lib/server/messaging/channel';

const ROOT = resolve(import.meta.dirname, '..');
const N = 150; // per channel
const CHANNELS: ChannelName[] = ['sms_gateway', 'smpp', 'telegram', 'email'];

interface Child {
	proc: ChildProcess;
	lines: Record<string, unknown>[];
	exited: Promise<number | null>;
	/** It has exited (a sender that fails to start ends the wait at once). */
	gone(): boolean;
}

function runSender(env: Record<string, string>): Child {
	const proc = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'tests', 'fixtures', 'outbox-sender.ts')],
		{ cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const lines: Record<string, unknown>[] = [];
	createInterface({ input: proc.stdout! }).on('line', (l) => {
		try {
			lines.push(JSON.parse(l));
		} catch {
			/* not ours */
		}
	});
	let code: number | null | undefined;
	const exited = new Promise<number | null>((r) =>
		proc.once('exit', (c) => {
			code = c;
			r(c);
		})
	);
	return { proc, lines, exited, gone: () => code !== undefined };
}

/** SMPP carries a number without its +. */
const bare = (address: string) => address.replace(/^\+/, '');

/** How many times each address got a message, per channel, as the servers recorded them. */
function received(s: MessagingServers): Record<ChannelName, Map<string, number>> {
	const tally = (addrs: string[]) => {
		const m = new Map<string, number>();
		for (const a of addrs.map(bare)) m.set(a, (m.get(a) ?? 0) + 1);
		return m;
	};
	return {
		sms_gateway: tally(s.gateway.messages.flatMap((m) => m.phoneNumbers)),
		smpp: tally(s.smpp.messages.map((m) => m.destination)),
		telegram: tally(s.telegram.sent.map((m) => m.chatId)),
		// One message per Message-ID: a mail sent again after a crash is the same message.
		email: tally(
			[...new Set(s.smtp.messages.flatMap((m) => m.to.map((to) => `${to}\n${m.messageId}`)))].map(
				(k) => k.split('\n')[0]
			)
		)
	};
}

// A sender process is SIGKILLed while it has messages at every channel; a new one finishes. The
// gateway can be asked (lookup) and email's resend is the same message (its Message-ID), so both
// get every message exactly once; SMPP and Telegram cannot: none gets a message twice, and what
// the dead process may have sent is `unknown`.
describe(`outbox: a sender killed mid-delivery (${BACKEND})`, () => {
	let servers: MessagingServers | null = null;
	let tdb: TestDatabase | null = null;
	const children: Child[] = [];
	afterAll(async () => {
		for (const c of children) c.proc.kill('SIGKILL');
		await servers?.stop();
		await tdb?.drop();
	});

	it('every message reaches its recipient at most once, the gateway exactly once', async () => {
		servers = await startMessagingServers();
		tdb = await freshDatabase();
		const open = () =>
			openDatabase({
				DATABASE_URL: tdb!.env.DATABASE_URL,
				PGLITE_DIR: tdb!.env.PGLITE_DIR ?? ''
			});
		let db: Database = await open();
		await db.migrate(MIGRATIONS); // PostgreSQL's is empty; PGlite's is a migrated copy
		await enqueueAll(
			db,
			CHANNELS.flatMap((c) => items(c, N, 'w-kill'))
		);
		await db.close(); // PGlite: one process at a time
		const env: Record<string, string> = {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			...tdb.env,
			...servers.env,
			OUTBOX_LEASE_MS: '1500',
			// Slow enough that the kill lands amid the sends of every channel.
			OUTBOX_RATE: '20'
		};
		const first = runSender(env);
		children.push(first);
		await until('the first sender ready', async () => {
			if (first.gone()) throw new Error('the first sender exited before it was ready');
			return first.lines.some((l) => 'ready' in l);
		});
		// Every channel under way and none done: the kill lands amid the sends of each.
		await until(
			'every channel under way',
			async () => Object.values(received(servers!)).every((m) => m.size >= 10),
			120_000
		);
		first.proc.kill('SIGKILL');
		await first.exited;

		db = await open();
		const doubt = await db.query<{ channel: string }>(
			`select distinct channel from outbox where status = 'sending'`
		);
		const atKill = received(servers);
		await db.close();
		// The kill came while the gateway had messages (claimed in batches, written at the end of
		// each) and before any channel was done: otherwise this test proves nothing.
		expect(doubt.map((d) => d.channel)).toContain('sms_gateway');
		expect(Object.values(atKill).every((m) => m.size < N)).toBe(true);

		const second = runSender({ ...env, OUTBOX_EXIT_WHEN_DONE: '1' });
		children.push(second);
		expect(await second.exited).toBe(0);

		db = await open();
		const rows = await db.query<{ channel: ChannelName; address: string; status: string }>(
			'select channel, address, status from outbox order by id'
		);
		await db.close();
		const got = received(servers);
		for (const ch of CHANNELS) {
			const mine = rows.filter((r) => r.channel === ch);
			expect(mine).toHaveLength(N);
			// Nobody got a message twice.
			expect([...got[ch].values()].filter((n) => n > 1)).toEqual([]);
			// Every row is settled: sent (and received), or unknown (the gateway: never).
			for (const r of mine) {
				if (r.status === 'sent')
					expect([r.address, got[ch].get(bare(r.address))]).toEqual([r.address, 1]);
				else
					expect([ch, r.status]).toEqual([
						ch,
						ch === 'sms_gateway' || ch === 'email' ? 'sent' : 'unknown'
					]);
			}
			const unknown = mine.filter((r) => r.status === 'unknown').length;
			// At most what one sender had in flight (8) per channel is left to an operator.
			expect(unknown).toBeLessThanOrEqual(8);
			// Received = sent + (some of) the unknown: nothing else went out.
			expect(got[ch].size).toBeGreaterThanOrEqual(N - unknown);
		}
		expect(got.sms_gateway.size).toBe(N);
		expect(got.email.size).toBe(N);
	});
});
