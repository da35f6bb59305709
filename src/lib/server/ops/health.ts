import { json, type RequestEvent } from '@sveltejs/kit';
import { MONITOR, allows } from '../auth/roles';
import { brokerUp, channelUp, databaseUp } from './metrics';
import { readiness } from '../app/runtime';
import type { Services } from '../app/services';

/**
 * Readiness: the database answers, the broker connection is up and commits succeed. Anyone (a
 * load balancer) sees the states; only an API token or an admin sees the error texts, which may
 * name hosts and tables.
 */
export async function readyResponse(event: RequestEvent): Promise<Response> {
	const detailed = allows(MONITOR, event.locals.principal ?? null);
	const noStore = { 'cache-control': 'no-store' };
	const state = readiness();
	const s = state.services;
	if (!s || state.phase !== 'ready') {
		const body = { status: state.phase, ...(detailed ? { error: state.error } : {}) };
		return json(body, { status: 503, headers: noStore });
	}
	const dbError = await probe(s);
	const database = dbError === null ? 'up' : 'down';
	const broker = s.source.connected ? 'connected' : 'disconnected';
	// Commits failing in a row mean messages are held and not stored, even if `select 1` works.
	const committing = s.writer.failures < 3;
	const ok = database === 'up' && broker === 'connected' && committing;
	const ifDetailed = <T>(v: T) => (detailed ? v : undefined);
	return json(
		{
			status: ok ? 'ok' : 'degraded',
			database: { backend: s.db.kind, state: database, error: ifDetailed(dbError) },
			broker: { embedded: s.broker !== null, state: broker },
			ingest: {
				pending: s.writer.size,
				lagMs: s.writer.lagMs(),
				lastCommitAt: s.writer.lastCommitAt?.toISOString() ?? null,
				lastError: ifDetailed(s.writer.lastError),
				failingCommits: s.writer.failures
			},
			stream: { clients: s.hub.clients, cursor: s.hub.cursor },
			channels: channelStates(s, detailed),
			// The outbox's rows by channel and status, as last counted (messaging/start.ts).
			outbox: s.messaging?.outboxCounts?.() ?? null
		},
		{ status: ok ? 200 : 503, headers: noStore }
	);
}

/** Asks the database and the broker connection, and sets their up gauges: the database's error or null. */
export async function probe(s: Services): Promise<string | null> {
	let dbError: string | null = null;
	try {
		await s.db.query('select 1');
	} catch (e) {
		dbError = e instanceof Error ? e.message : String(e);
	}
	databaseUp.set(dbError === null ? 1 : 0);
	brokerUp.set(s.source.connected ? 1 : 0);
	channelStates(s, false);
	return dbError;
}

/**
 * Each configured messaging channel, up or down (and why, for a monitor), and its up gauge. A
 * channel down does not make the app unready: the outbox keeps its messages and retries them,
 * the wall and the ingest work without it, and a restart (what an orchestrator does to an unready
 * app) mends no phone or SMSC. It is alerted on by itself (eocwall_channel_up).
 */
export function channelStates(s: Services, detailed: boolean) {
	channelUp.reset();
	const out: Record<
		string,
		{ state: 'up' | 'down'; lastOkAt: string | null; error?: string | null }
	> = {};
	for (const [name, c] of s.messaging?.channels ?? []) {
		const h = c.health();
		channelUp.set({ channel: name }, h.up ? 1 : 0);
		out[name] = {
			state: h.up ? 'up' : 'down',
			lastOkAt: h.lastOkAt?.toISOString() ?? null,
			...(detailed ? { error: h.error } : {})
		};
	}
	return out;
}

/** Liveness: this process answers HTTP (a restart is the cure when it does not). */
export function liveResponse(): Response {
	const state = readiness();
	return json(
		{ status: 'alive', phase: state.phase, uptimeS: Math.round(process.uptime()) },
		{ headers: { 'cache-control': 'no-store' } }
	);
}
