/**
 * Starts the app's messaging: the configured channels (channels/), how addresses are routed to
 * them, one outbox sender per channel, the in-doubt recovery (at start and periodically), the
 * delivery reports, and the outbox gauges. Stops in order: the senders finish their sends in
 * flight and write them, then the channels close (a channel closed first would fail those sends).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../app/config';
import type { Database } from '../db/types';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';
import type { Messaging } from '.';
import type { Channel, ChannelName, Incoming } from './channel';
import { createChannels } from './channels';
import type { Routing } from './outbox/routes';
import { DEFAULT_RETRY } from './outbox/backoff';
import { recordDelivery, recoverInDoubt } from './outbox/recovery';
import { DEFAULT_LEASE_MS, OutboxSender, type SenderOptions } from './outbox/sender';
import { countByStatus } from './outbox/store';

export interface StartMessagingOptions {
	config: Config;
	db: Database;
	log: Logger;
	/** A message that came in (the inbound handler: a report, a tasking answer, free text). */
	onIncoming(m: Incoming): Promise<void>;
	/** Outbox rows of these sources (`kind:id`) changed status: the consoles should update. */
	onChange?(sources: ReadonlySet<string>): void;
	/** Channels given instead of createChannels(config) (tests, the bench). */
	channels?: Map<ChannelName, Channel>;
	/** Sender tuning (tests, the bench): lease, poll, rate override, retry policy. */
	sender?: Partial<Omit<SenderOptions, 'db' | 'channel' | 'owner' | 'log' | 'onProgress'>>;
	/** This instance's id as the lease owner (default: host, pid and a random part). */
	owner?: string;
}

export interface RunningMessaging extends Messaging {
	readonly owner: string;
	readonly senders: ReadonlyMap<ChannelName, OutboxSender>;
	/** Resolves the rows in doubt now (also done at start and every half lease). */
	recover(): Promise<void>;
}

const GAUGE_MS = 5000;

export async function startMessaging(o: StartMessagingOptions): Promise<RunningMessaging> {
	const { db, log } = o;
	// The lease owner names the place this instance runs (host and HTTP port: no two live
	// instances share both), then this run. A run that finds rows of an earlier run of the same
	// place knows that run is dead (killed, power lost) and takes them over at once, instead of
	// waiting for their lease to run out. PGlite allows one process: every other owner is dead.
	const place = `${hostname()}:${o.config.PORT}`;
	const owner = o.owner ?? `${place}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const dead = db.kind === 'pglite' ? '%' : `${place}:%`;
	const channels = o.channels ?? createChannels(o.config, log);
	const routing: Routing = {
		configured: new Set(channels.keys()),
		smppPrefixes: o.config.SMPP_PREFIXES ?? []
	};
	const changed = (sources: ReadonlySet<string>) => {
		if (sources.size > 0) o.onChange?.(sources);
	};
	const leaseMs = o.sender?.leaseMs ?? DEFAULT_LEASE_MS;
	const senders = new Map<ChannelName, OutboxSender>();
	for (const [name, channel] of channels)
		senders.set(
			name,
			new OutboxSender({
				retry: {
					...DEFAULT_RETRY,
					maxAttempts: o.config.OUTBOX_MAX_ATTEMPTS ?? DEFAULT_RETRY.maxAttempts,
					baseMs: (o.config.OUTBOX_RETRY_BASE_SECONDS ?? DEFAULT_RETRY.baseMs / 1000) * 1000
				},
				...o.sender,
				db,
				channel,
				owner,
				log,
				onProgress: changed
			})
		);

	let recovering: Promise<void> | null = null;
	const recover = (takeOver?: string) =>
		(recovering ??= recoverInDoubt(db, channels, owner, leaseMs, log, takeOver)
			.then((r) => {
				if (r.sent + r.queued + r.unknown > 0) {
					log.info(
						{ sent: r.sent, queued: r.queued, unknown: r.unknown },
						'outbox: in-doubt rows resolved'
					);
					if (r.queued > 0) for (const s of senders.values()) s.poke();
				}
				changed(r.sources);
			})
			.catch((err) => log.warn({ err: String(err) }, 'outbox: in-doubt recovery failed'))
			.finally(() => (recovering = null)));

	let counts: Record<string, Record<string, number>> = {};
	const refreshGauges = async () => {
		try {
			const rows = await countByStatus(db);
			counts = {};
			for (const r of rows) (counts[r.channel] ??= {})[r.status] = r.n;
			metrics.outboxMessages.reset();
			for (const c of rows)
				metrics.outboxMessages.set({ channel: c.channel, status: c.status }, c.n);
		} catch (err) {
			log.warn({ err: String(err) }, 'outbox: counting failed');
		}
	};

	// Rows a dead instance left in doubt are resolved before this one sends anything.
	await recover(dead);
	await refreshGauges();
	const handlers = {
		incoming: o.onIncoming,
		delivered: async (r: Parameters<typeof recordDelivery>[1]) => {
			const source = await recordDelivery(db, r);
			if (source) changed(new Set([source]));
			else
				log.info(
					{ channel: r.channel, externalId: r.externalId },
					'outbox: report for no sent row'
				);
		}
	};
	const started: Channel[] = [];
	try {
		for (const ch of channels.values()) {
			await ch.start(handlers);
			started.push(ch);
		}
	} catch (err) {
		for (const ch of started) await ch.stop().catch(() => {});
		throw err;
	}
	for (const s of senders.values()) s.start();
	const timers = [
		setInterval(() => void recover(), Math.max(1000, leaseMs / 2)),
		setInterval(() => void refreshGauges(), GAUGE_MS)
	];
	for (const t of timers) t.unref();
	log.info({ channels: [...channels.keys()], owner }, 'messaging started');

	return {
		owner,
		channels,
		routing,
		senders,
		recover,
		outboxCounts: () => counts,
		poke: () => {
			for (const s of senders.values()) s.poke();
		},
		stop: async () => {
			for (const t of timers) clearInterval(t);
			await Promise.all([...senders.values()].map((s) => s.stop()));
			await recovering;
			for (const ch of channels.values()) await ch.stop().catch(() => {});
		}
	};
}
