import { error, json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { principalCheck } from '$lib/server/auth/guard';
import { REAL, scopeParam } from '$lib/server/exercises/scope';
import type { LiveMessage } from '$lib/server/live/hub';
import { MAX_UNREAD_BYTES, StreamSlots } from '$lib/server/live/limits';
import { log } from '$lib/server/ops/log';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

const HEARTBEAT_MS = 15_000;

const slots = new StreamSlots(() => {
	const c = services().config;
	return { perPrincipal: c.STREAM_MAX_PER_PRINCIPAL, total: c.STREAM_MAX_TOTAL };
});
/** A refused stream: the EventSource retries by itself, so say when (STREAM_MAX_* in config). */
const REFUSED = {
	principal: [
		429,
		'Too many open streams for this sign-in or token; close one (another tab or screen).'
	],
	total: [503, 'The server holds as many live streams as it is configured for; try again shortly.']
} as const;

function lastEventId(request: Request, url: URL): number | null {
	const raw = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
	if (raw === null || raw === '') return null;
	if (!/^\d{1,15}$/.test(raw)) error(400, 'Last-Event-ID must be a whole number');
	return Number(raw);
}

/**
 * Server-Sent Events: a snapshot (or, with Last-Event-ID, the changes missed since), then one
 * event per changed entity. Event ids are change-log ids, the same on every instance.
 * `?exercise=<id>` streams that exercise's picture; without it, the real one (no drill rows).
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const { hub } = services();
	const resumeFrom = lastEventId(event.request, event.url);
	// The picture is named by the client itself (the wall passes its own), never by a cookie
	// that another tab may have changed meanwhile; absent means the real picture.
	const scope = scopeParam(event.url) ?? REAL;
	const p = event.locals.principal!;
	const stillAllowed = principalCheck(event);
	const slot = slots.take(`${p.kind}:${p.id}`);
	if (typeof slot === 'string') {
		const [status, message] = REFUSED[slot];
		log.warn({ principal: p.kind, cap: slot, open: slots.open }, 'stream refused: cap reached');
		return json({ message }, { status, headers: { 'retry-after': '30' } });
	}
	const release = slot;
	const encoder = new TextEncoder();
	let cleanup = release;

	const stream = new ReadableStream<Uint8Array>(
		{
			async start(controller) {
				let open = true;
				const write = (text: string) => {
					if (!open) return;
					try {
						if ((controller.desiredSize ?? 0) < -MAX_UNREAD_BYTES) {
							log.warn(
								{ unread: -(controller.desiredSize ?? 0) },
								'stream client too slow; cut off'
							);
							cleanup();
							controller.close();
							return;
						}
						controller.enqueue(encoder.encode(text));
					} catch {
						open = false;
						cleanup();
					}
				};
				write('retry: 2000\n\n');
				// A named event (not a comment, which EventSource hides from the page), so the wall can
				// tell a quiet stream from a stalled one.
				// Each heartbeat also asks whether the reader may still read: a user disabled or signed
				// out everywhere at /admin, or a revoked token, loses the stream within one heartbeat.
				const heartbeat = setInterval(async () => {
					const allowed = await stillAllowed().catch(() => true); // a database blip is no reason
					if (!allowed) {
						log.info({ principal: p.kind }, 'stream closed: its session or token ended');
						cleanup();
						try {
							controller.close();
						} catch {
							// already closed by the client
						}
						return;
					}
					write(`event: heartbeat\ndata: {"t":"${new Date().toISOString()}"}\n\n`);
				}, HEARTBEAT_MS);
				let unsubscribe = () => {};
				cleanup = () => {
					release();
					open = false;
					clearInterval(heartbeat);
					unsubscribe();
				};
				try {
					unsubscribe = await hub.subscribe(
						{
							send: (m: LiveMessage) =>
								write(`id: ${m.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`)
						},
						resumeFrom,
						scope
					);
					if (!open) unsubscribe();
				} catch (err) {
					log.warn({ err: String(err) }, 'stream subscribe failed');
					cleanup();
					controller.error(err);
				}
			},
			cancel() {
				cleanup();
			}
			// Counted in bytes, so desiredSize says how much the client has left unread.
		},
		new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 })
	);

	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no',
			connection: 'keep-alive'
		}
	});
};
