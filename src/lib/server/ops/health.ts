import { json, type RequestEvent } from '@sveltejs/kit';
import { MONITOR, allows } from '../auth/roles';
import { brokerUp, databaseUp } from './metrics';
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
			// Shown, never failing readiness: a dead gateway is the console's and the operator's
			// matter; this instance still serves the EOC.
			messaging: s.messaging && {
				channels: Object.fromEntries(
					[...s.messaging.channels].map(([name, ch]) => {
						const h = ch.health();
						const lastOkAt = h.lastOkAt?.toISOString() ?? null;
						return [name, { state: h.up ? 'up' : 'down', lastOkAt, error: ifDetailed(h.error) }];
					})
				),
				outbox: s.messaging.outboxCounts?.() ?? null
			}
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
	return dbError;
}

/** Liveness: this process answers HTTP (a restart is the cure when it does not). */
export function liveResponse(): Response {
	const state = readiness();
	return json(
		{ status: 'alive', phase: state.phase, uptimeS: Math.round(process.uptime()) },
		{ headers: { 'cache-control': 'no-store' } }
	);
}
