import { json } from '@sveltejs/kit';
import { readiness } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** For load balancers and people: 200 when the database answers and ingest is connected. */
export const GET: RequestHandler = async () => {
	const state = readiness();
	const s = state.services;
	if (!s || state.phase !== 'ready') {
		return json({ status: state.phase, error: state.error }, { status: 503 });
	}
	let database: 'up' | 'down' = 'up';
	let dbError: string | null = null;
	try {
		await s.db.query('select 1');
	} catch (e) {
		database = 'down';
		dbError = e instanceof Error ? e.message : String(e);
	}
	const broker = s.source.connected ? 'connected' : 'disconnected';
	// Commits failing in a row mean messages are held and not stored, even if `select 1` works.
	const committing = s.writer.failures < 3;
	const ok = database === 'up' && broker === 'connected' && committing;
	return json(
		{
			status: ok ? 'ok' : 'degraded',
			database: { backend: s.db.kind, state: database, error: dbError },
			broker: { embedded: s.broker !== null, state: broker },
			ingest: {
				pending: s.writer.size,
				lagMs: s.writer.lagMs(),
				lastCommitAt: s.writer.lastCommitAt?.toISOString() ?? null,
				lastError: s.writer.lastError,
				failingCommits: s.writer.failures
			},
			stream: { clients: s.hub.clients, cursor: s.hub.cursor }
		},
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
