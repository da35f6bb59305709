/**
 * SMS through the "SMS Gateway for Android" app (capcom6/android-sms-gateway) in its local
 * server mode: a phone with a SIM on the EOC's network. POST /message sends, GET /message/{id}
 * reads a message back, and the app calls our webhook (/api/v1/inbound/sms_gateway) for
 * `sms:received`, `sms:delivered` and `sms:failed`, signed with its signing key.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normalisePhone } from '$lib/contacts/phone';
import type { Logger } from '../../ops/log';
import type { Channel, Lookup, Outgoing, SendResult } from '../channel';
import { attempt, basicAuth, snippet, transient } from './http';
import { HealthState, type Handlers } from './state';
import { checkSignature } from './webhook-signature';

export interface SmsGatewayOptions {
	/** The app's local server, e.g. http://sms:password@192.168.1.20:8080 */
	url: string;
	user?: string;
	password?: string;
	/** The app's webhook signing key; without it no webhook is believed (all refused). */
	webhookKey?: string;
	ratePerSecond: number;
	/** How often the app's /health is asked while running (ms). */
	probeEveryMs?: number;
}

/**
 * The message's id at the gateway, from the outbox key: the protocol's idempotency slot (a second
 * POST of the same id is refused as a duplicate, not sent twice) and what GET /message/{id} and
 * the delivery reports name. A key that is short and URL-safe is used as it is; a longer one
 * becomes a hash of it, so it fits the gateway's id field and reads back in a path.
 */
export function gatewayId(key: string): string {
	if (/^[A-Za-z0-9_-]{1,36}$/.test(key)) return key;
	return 'k' + createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

const received = z.object({
	id: z.string().min(1),
	event: z.literal('sms:received'),
	payload: z.object({
		messageId: z.string().optional(),
		message: z.string(),
		phoneNumber: z.string().min(1),
		receivedAt: z.string().optional()
	})
});
const report = z.object({
	event: z.enum(['sms:delivered', 'sms:failed']),
	payload: z.object({
		messageId: z.string().min(1),
		reason: z.string().nullish(),
		deliveredAt: z.string().optional(),
		failedAt: z.string().optional()
	})
});

const when = (s: string | undefined) => {
	const d = s ? new Date(s) : new Date();
	return Number.isNaN(d.getTime()) ? new Date() : d;
};

export function createSmsGateway(o: SmsGatewayOptions, log: Logger): Channel {
	const { base, authorization } = basicAuth(o.url, o.user, o.password);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (authorization) headers.authorization = authorization;
	const health = new HealthState();
	let handlers: Handlers | null = null;
	let timer: ReturnType<typeof setInterval> | null = null;

	const probe = async () => {
		const r = await attempt(`${base}/health`, { headers });
		if ('error' in r) health.down(`gateway: ${r.error}`);
		else if (r.status === 200) health.ok();
		else health.down(`gateway: /health answered ${r.status}`);
	};

	const lookup = async (key: string): Promise<Lookup> => {
		const r = await attempt(`${base}/message/${encodeURIComponent(gatewayId(key))}`, {
			headers
		});
		if ('error' in r) return 'unknown';
		if (r.status === 200) return 'sent';
		if (r.status === 404) return 'not_sent';
		return 'unknown';
	};

	return {
		name: 'sms_gateway',
		ratePerSecond: o.ratePerSecond,

		async send(msg: Outgoing): Promise<SendResult> {
			const id = gatewayId(msg.key);
			const r = await attempt(`${base}/message`, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					id,
					textMessage: { text: msg.body },
					phoneNumbers: [msg.address],
					withDeliveryReport: true
				})
			});
			const t = transient(r, 'SMS gateway');
			if (t) {
				// An earlier attempt may have reached the phone (its answer lost), and the app does not
				// document what a second POST of the same id answers: if the phone has the id, it is sent.
				if ('status' in r && r.status >= 500 && (await lookup(msg.key)) === 'sent') {
					health.ok();
					return { ok: true, externalId: id };
				}
				health.down(t.reason);
				return t;
			}
			const reply = r as Exclude<typeof r, { error: string }>;
			if (reply.status >= 200 && reply.status < 300) {
				health.ok();
				return { ok: true, externalId: id };
			}
			// The id is there already: an earlier attempt reached the phone (its answer was lost).
			if (reply.status === 409) {
				health.ok();
				return { ok: true, externalId: id };
			}
			// Wrong credentials are the EOC's configuration, not the message's fault: kept for a
			// retry once an administrator fixes them, and the channel shows down meanwhile.
			if (reply.status === 401 || reply.status === 403) {
				const reason = `SMS gateway refused the credentials (${reply.status})`;
				health.down(reason);
				return { ok: false, retry: true, reason };
			}
			health.ok();
			return {
				ok: false,
				retry: false,
				reason:
					`SMS gateway refused the message: HTTP ${reply.status} ${snippet(reply.text)}`.trim()
			};
		},

		lookup,

		health: () => health.get(),

		async start(h) {
			handlers = h;
			if (timer) return;
			await probe();
			timer = setInterval(() => void probe(), o.probeEveryMs ?? 60_000);
			timer.unref?.();
		},

		async stop() {
			if (timer) clearInterval(timer);
			timer = null;
			handlers = null;
		},

		async webhook(req) {
			if (!o.webhookKey) {
				log.warn('SMS gateway webhook refused: SMS_GATEWAY_WEBHOOK_KEY is not set');
				return { status: 401, body: 'webhook signing key not configured' };
			}
			const bad = checkSignature(o.webhookKey, req.body, req.headers);
			if (bad) {
				log.warn({ reason: bad }, 'SMS gateway webhook refused: signature');
				return { status: 401, body: bad };
			}
			// Before start() there is nowhere to hand it: the app retries with backoff.
			if (!handlers) return { status: 503, body: 'not receiving yet' };
			let json: unknown;
			try {
				json = JSON.parse(req.body);
			} catch {
				log.warn('SMS gateway webhook: body is not JSON');
				return { status: 400, body: 'body is not JSON' };
			}
			try {
				return await dispatch(json, handlers);
			} catch (e) {
				// Not stored: the gateway is told to send it again (it retries with backoff).
				log.error({ err: e }, 'SMS gateway webhook: the handler failed');
				return { status: 500, body: 'not stored, send again' };
			}
		}
	};

	async function dispatch(
		json: unknown,
		handlers: Handlers
	): Promise<{ status: number; body?: string }> {
		const event = (json as { event?: unknown })?.event;
		if (event === 'sms:received') {
			const m = received.safeParse(json);
			if (!m.success) return invalid(log, m.error.message);
			const p = m.data.payload;
			// The envelope's id, not payload.messageId: the app's documentation says the latter is
			// derived from the content and not unique; the envelope's stays the same when the app
			// delivers the same event again after a failure.
			await handlers.incoming({
				channel: 'sms_gateway',
				externalId: m.data.id,
				address: normalisePhone(p.phoneNumber) ?? p.phoneNumber,
				text: p.message,
				receivedAt: when(p.receivedAt)
			});
			return { status: 200 };
		}
		if (event === 'sms:delivered' || event === 'sms:failed') {
			const m = report.safeParse(json);
			if (!m.success) return invalid(log, m.error.message);
			const p = m.data.payload;
			const delivered = m.data.event === 'sms:delivered';
			await handlers.delivered({
				channel: 'sms_gateway',
				externalId: p.messageId,
				delivered,
				reason: delivered ? undefined : (p.reason ?? 'failed'),
				at: when(delivered ? p.deliveredAt : p.failedAt)
			});
			return { status: 200 };
		}
		// sms:sent, system:ping and events added later: acknowledged, nothing to do.
		return { status: 200 };
	}
}

function invalid(log: Logger, why: string) {
	log.warn({ why }, 'SMS gateway webhook: payload not understood');
	return { status: 400, body: 'payload not understood' };
}
