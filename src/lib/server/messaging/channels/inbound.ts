/**
 * A webhook request to /api/v1/inbound/{channel}, from the SMS gateway app or Telegram: handed to
 * the channel, which checks its signature or secret token. Public in ROUTE_RULES because the
 * caller is a machine with no session; the channel's check is the authentication, and a request
 * that fails it is answered 401 and logged (by the channel).
 */
import { CHANNELS, type ChannelName } from '../channel';
import type { Messaging } from '../index';
import type { Logger } from '../../ops/log';

/** Far above a Telegram update or a gateway event (a few KB); a larger body is not one of them. */
export const INBOUND_MAX_BYTES = 256 * 1024;

/** The body as text, or null past `max` bytes (read no further than that). */
export async function readBounded(
	request: Request,
	max = INBOUND_MAX_BYTES
): Promise<string | null> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > max) return null;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export async function inbound(
	messaging: Messaging | null,
	channel: string,
	request: Request,
	log: Logger
): Promise<Response> {
	const text = (status: number, body: string) =>
		new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	if (!(CHANNELS as readonly string[]).includes(channel)) return text(404, 'no such channel');
	// Before messaging starts: the gateway and Telegram both call again later.
	if (!messaging) return text(503, 'messaging is not running');
	const c = messaging.channels.get(channel as ChannelName);
	if (!c?.webhook) return text(404, `${channel} is not configured to receive here`);
	const body = await readBounded(request);
	if (body === null) {
		log.warn({ channel }, 'inbound webhook refused: body too large');
		return text(413, `body over ${INBOUND_MAX_BYTES} bytes`);
	}
	try {
		const out = await c.webhook({ headers: request.headers, body });
		return text(out.status, out.body ?? '');
	} catch (e) {
		log.error({ err: e, channel }, 'inbound webhook failed');
		return text(500, 'not stored, send again');
	}
}
