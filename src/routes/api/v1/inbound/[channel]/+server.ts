import { services } from '$lib/server/app/runtime';
import { inbound } from '$lib/server/messaging/channels/inbound';
import { log } from '$lib/server/ops/log';
import type { RequestHandler } from './$types';

/**
 * Webhooks from the SMS gateway app (inbound SMS, delivery reports) and Telegram (updates), each
 * checked by its channel: a signature (X-Signature) or a secret token. See docs/messaging.md.
 */
export const POST: RequestHandler = ({ params, request }) =>
	inbound(services().messaging, params.channel, request, log);
