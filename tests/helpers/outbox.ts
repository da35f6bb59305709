/**
 * The outbox's tests: a database of each backend (PGlite always; PostgreSQL too when
 * DATABASE_URL is given), rows enqueued as the app would, and an in-process channel that records
 * every key it is handed (how many times), with the behaviours a test needs (slow, failing,
 * refusing, hanging, answerable by lookup).
 */
import { resolve } from 'node:path';
import { openDatabase, type Database } from '../../src/lib/server/db';
import type {
	Channel,
	ChannelName,
	DeliveryReport,
	Lookup,
	Outgoing,
	SendResult
} from '../../src/lib/server/messaging/channel';
import { enqueue, type OutboxItem } from '../../src/lib/server/messaging/outbox/enqueue';
import { newPostgresDatabase } from './backend';
import { migratedPgliteDir } from './pglite-template';
import { rmSync } from 'node:fs';

export const MIGRATIONS = resolve(import.meta.dirname, '..', '..', 'drizzle');

export interface OutboxBackend {
	name: 'pglite' | 'postgres';
	/** Opens a connection (PostgreSQL: a new pool each time; PGlite: the one database). */
	open(): Promise<Database>;
	env: Record<string, string>;
	drop(): Promise<void>;
}

/** PGlite always; PostgreSQL when DATABASE_URL names a server to create a database on. */
export function outboxBackends(): OutboxBackend['name'][] {
	return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function outboxBackend(name: OutboxBackend['name']): Promise<OutboxBackend> {
	if (name === 'pglite') {
		const dir = await migratedPgliteDir();
		let db: Database | null = null;
		return {
			name,
			env: { PGLITE_DIR: dir },
			open: async () => (db ??= await openDatabase({ PGLITE_DIR: dir, DATABASE_URL: undefined })),
			drop: async () => {
				await db?.close().catch(() => {});
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const { url, drop } = await newPostgresDatabase(process.env.DATABASE_URL as string);
	const opened: Database[] = [];
	const first = await openDatabase({ DATABASE_URL: url, PGLITE_DIR: '' });
	await first.migrate(MIGRATIONS);
	opened.push(first);
	let firstTaken = false;
	return {
		name,
		env: { DATABASE_URL: url },
		open: async () => {
			if (!firstTaken) {
				firstTaken = true;
				return first;
			}
			const db = await openDatabase({ DATABASE_URL: url, PGLITE_DIR: '' });
			opened.push(db);
			return db;
		},
		drop: async () => {
			for (const db of opened) await db.close().catch(() => {});
			await drop();
		}
	};
}

/** `n` messages of one warning on one channel, keyed as the app keys them. */
export function items(channel: ChannelName, n: number, source = 'w-test'): OutboxItem[] {
	return Array.from({ length: n }, (_, i) => ({
		key: `warning:${source}:c-${i}:${channel}`,
		sourceKind: 'warning' as const,
		sourceId: source,
		contactId: `c-${i}`,
		channel,
		address:
			channel === 'email'
				? `c${i}@example.org`
				: channel === 'telegram'
					? String(700_000 + i)
					: `+99290${String(i).padStart(7, '0')}`,
		lang: 'tg',
		subject: channel === 'email' ? 'Огоҳӣ' : null,
		body: `Огоҳӣ ${i}`
	}));
}

export async function enqueueAll(db: Database, list: OutboxItem[]): Promise<number> {
	return db.transaction((tx) => enqueue(tx, list));
}

export async function statusCounts(db: Database): Promise<Record<string, number>> {
	const rows = await db.query<{ status: string; n: number }>(
		'select status, count(*)::int as n from outbox group by status'
	);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** What every fake channel of a test was handed, by key: more than 1 is a duplicate. */
export class Recorder {
	readonly got = new Map<string, number>();
	readonly byChannelObject = new Map<string, number>();
	add(key: string, who: string) {
		this.got.set(key, (this.got.get(key) ?? 0) + 1);
		this.byChannelObject.set(who, (this.byChannelObject.get(who) ?? 0) + 1);
	}
	duplicates(): string[] {
		return [...this.got].filter(([, n]) => n > 1).map(([k]) => k);
	}
}

export interface FakeOptions {
	name: ChannelName;
	recorder: Recorder;
	/** Which object handed it (two instances' channels share a recorder). */
	who?: string;
	ratePerSecond?: number;
	/** Ms before send answers (0: the next tick). */
	delayMs?: number;
	/** Replaces the answer (the message is not recorded unless it returns ok). */
	answer?(msg: Outgoing, attempt: number): SendResult | Promise<SendResult>;
	/** Gives the channel lookup(): answered from what it recorded. */
	lookup?: boolean;
}

/** A channel in the test's process: records what it is handed, answers as told. */
export function fakeChannel(o: FakeOptions): Channel & {
	attempts: Map<string, number>;
	deliver(r: Omit<DeliveryReport, 'channel'>): Promise<void>;
} {
	const attempts = new Map<string, number>();
	let handlers: Parameters<Channel['start']>[0] | null = null;
	const ch = {
		name: o.name,
		ratePerSecond: o.ratePerSecond ?? Infinity,
		attempts,
		async send(msg: Outgoing): Promise<SendResult> {
			const n = (attempts.get(msg.key) ?? 0) + 1;
			attempts.set(msg.key, n);
			await new Promise((r) => setTimeout(r, o.delayMs ?? 0));
			const res = o.answer ? await o.answer(msg, n) : { ok: true as const };
			if (res.ok) o.recorder.add(msg.key, o.who ?? o.name);
			return res.ok ? { ok: true, externalId: res.externalId ?? `x-${msg.key}` } : res;
		},
		health: () => ({ up: true, error: null, lastOkAt: null }),
		async start(h: Parameters<Channel['start']>[0]) {
			handlers = h;
		},
		async stop() {
			handlers = null;
		},
		async deliver(r: Omit<DeliveryReport, 'channel'>) {
			await handlers?.delivered({ channel: o.name, ...r });
		}
	};
	if (o.lookup)
		Object.assign(ch, {
			async lookup(key: string): Promise<Lookup> {
				return o.recorder.got.has(key) ? 'sent' : 'not_sent';
			}
		});
	return ch;
}

/** Polls until `fn` returns something truthy. */
export async function until<T>(what: string, fn: () => Promise<T>, ms = 60_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
