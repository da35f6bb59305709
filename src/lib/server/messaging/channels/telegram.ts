/**
 * Telegram through the Bot API (https://core.telegram.org/bots/api): sendMessage out; in by long
 * polling getUpdates, or by the webhook Telegram calls (/api/v1/inbound/telegram) with the
 * secret token set at setWebhook. TELEGRAM_API_URL points elsewhere than api.telegram.org for a
 * local Bot API server, or a test's.
 */
import { z } from 'zod';
import type { Logger } from '../../ops/log';
import type { Channel, Outgoing, SendResult } from '../channel';
import { attempt, networkReason, snippet, transient, type Reply } from './http';
import { HealthState, type Handlers } from './state';
import { sameSecret } from './webhook-signature';

export interface TelegramOptions {
	token: string;
	apiUrl: string;
	receive: 'poll' | 'webhook' | 'off';
	/** The secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (webhook mode). */
	webhookSecret?: string;
	/** Our public URL of the inbound route: set with setWebhook at start (webhook mode). */
	webhookUrl?: string;
	ratePerSecond: number;
	/** Seconds a getUpdates call waits for an update. */
	pollTimeoutS?: number;
}

/** Telegram's limit on one message's text: a longer body goes as several messages. */
export const TELEGRAM_MAX_TEXT = 4096;

const update = z.object({
	update_id: z.number().int(),
	message: z
		.object({
			message_id: z.number().int(),
			chat: z.object({ id: z.union([z.number(), z.string()]) }),
			date: z.number(),
			text: z.string().optional(),
			caption: z.string().optional()
		})
		.optional()
});
type Update = z.infer<typeof update>;

const apiError = z.object({
	description: z.string().optional(),
	parameters: z.object({ retry_after: z.number().optional() }).optional()
});

export function createTelegram(o: TelegramOptions, log: Logger): Channel {
	const base = `${o.apiUrl.replace(/\/+$/, '')}/bot${o.token}`;
	const health = new HealthState();
	let handlers: Handlers | null = null;
	let polling: AbortController | null = null;
	let loop: Promise<void> | null = null;

	const call = (method: string, body: unknown, timeoutMs?: number, signal?: AbortSignal) =>
		attempt(
			`${base}/${method}`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				...(signal ? { signal } : {})
			},
			timeoutMs
		);

	/** What a failed reply means: for good (blocked, no such chat) or for later. */
	const failure = (r: Reply | { error: string }): Extract<SendResult, { ok: false }> => {
		const t = transient(r, 'Telegram');
		if (t && 'status' in r && r.status === 429) {
			// Telegram names its wait in the body; the Retry-After header is not always there.
			const after = parse(r)?.parameters?.retry_after;
			if (after !== undefined) t.retryAfterMs = after * 1000;
		}
		if (t) return t;
		const reply = r as Reply;
		const why = parse(reply)?.description ?? snippet(reply.text);
		// A bad token is the EOC's configuration: kept for when it is fixed.
		if (reply.status === 401 || reply.status === 404)
			return {
				ok: false,
				retry: true,
				reason: `Telegram refused the bot token (${reply.status}): ${why}`
			};
		// 403: the person blocked the bot or left; 400: no such chat, or text Telegram will not take.
		return { ok: false, retry: false, reason: `Telegram ${reply.status}: ${why}` };
	};

	const receive = async (u: Update) => {
		const m = u.message;
		const text = m?.text ?? m?.caption;
		if (!m || text === undefined || !handlers) return;
		await handlers.incoming({
			channel: 'telegram',
			externalId: `${m.chat.id}:${m.message_id}`,
			address: String(m.chat.id),
			text,
			receivedAt: new Date(m.date * 1000)
		});
	};

	const poll = async (signal: AbortSignal) => {
		let offset = 0;
		let backoffMs = 1000;
		const timeoutS = o.pollTimeoutS ?? 25;
		while (!signal.aborted) {
			const r = await call(
				'getUpdates',
				{ offset, timeout: timeoutS, allowed_updates: ['message'] },
				(timeoutS + 10) * 1000,
				signal
			);
			if (signal.aborted) return;
			let problem: string;
			if ('error' in r) problem = r.error;
			else if (r.status !== 200) problem = failure(r).reason;
			else {
				health.ok();
				backoffMs = 1000;
				try {
					for (const u of readUpdates(r.text, log)) {
						await receive(u);
						// Confirmed (the next call's offset) only once handled: a failure gets it again.
						offset = u.update_id + 1;
					}
					continue;
				} catch (e) {
					problem = `handling an update failed: ${networkReason(e)}`;
				}
			}
			health.down(`Telegram getUpdates: ${problem}`);
			log.warn({ problem, retryInMs: backoffMs }, 'Telegram polling failed');
			await sleep(backoffMs, signal);
			backoffMs = Math.min(backoffMs * 2, 60_000);
		}
	};

	return {
		name: 'telegram',
		ratePerSecond: o.ratePerSecond,
		marksHandOver: true,

		async send(msg: Outgoing, handOver?: () => Promise<boolean>): Promise<SendResult> {
			let first: string | null = null;
			// Marked just before the first request: until it goes, a crash leaves it unsent.
			if (handOver && !(await handOver()))
				return { ok: false, retry: true, reason: 'this instance no longer holds the message' };
			for (const text of chunks(msg.body)) {
				const r = await call('sendMessage', { chat_id: msg.address, text });
				if ('error' in r || r.status !== 200) {
					const f = failure(r);
					if (f.retry) health.down(f.reason);
					return f;
				}
				health.ok();
				const id = (JSON.parse(r.text) as { result?: { message_id?: number } }).result?.message_id;
				first ??= id === undefined ? null : `${msg.address}:${id}`;
			}
			return { ok: true, externalId: first };
		},

		health: () => health.get(),

		async start(h) {
			handlers = h;
			if (polling || o.receive === 'off') return;
			if (o.receive === 'webhook') {
				if (o.webhookUrl) {
					const r = await call('setWebhook', {
						url: o.webhookUrl,
						secret_token: o.webhookSecret,
						allowed_updates: ['message']
					});
					if ('error' in r || r.status !== 200) health.down(failure(r).reason);
					else health.ok();
				} else {
					const r = await call('getMe', {});
					if ('error' in r || r.status !== 200) health.down(failure(r).reason);
					else health.ok();
				}
				return;
			}
			// Polling and a webhook exclude each other at Telegram (getUpdates answers 409).
			await call('deleteWebhook', {});
			polling = new AbortController();
			loop = poll(polling.signal);
		},

		async stop() {
			polling?.abort();
			await loop;
			polling = null;
			loop = null;
			handlers = null;
		},

		async webhook(req) {
			if (o.receive !== 'webhook' || !o.webhookSecret) {
				log.warn('Telegram webhook refused: TELEGRAM_RECEIVE is not webhook with a secret');
				return { status: 401, body: 'webhook not enabled' };
			}
			if (!sameSecret(req.headers.get('x-telegram-bot-api-secret-token'), o.webhookSecret)) {
				log.warn('Telegram webhook refused: missing or wrong secret token');
				return { status: 401, body: 'bad secret token' };
			}
			if (!handlers) return { status: 503, body: 'not receiving yet' };
			const [u] = readUpdates(`{"ok":true,"result":[${req.body}]}`, log);
			if (!u) return { status: 400, body: 'update not understood' };
			try {
				await receive(u);
				return { status: 200 };
			} catch (e) {
				// Telegram calls again when it is not answered 2xx.
				log.error({ err: e }, 'Telegram webhook: the handler failed');
				return { status: 500 };
			}
		}
	};
}

function parse(r: Reply) {
	try {
		return apiError.parse(JSON.parse(r.text));
	} catch {
		return null;
	}
}

/** The updates of a getUpdates answer; one Telegram sent that we do not understand is logged and skipped. */
function readUpdates(text: string, log: Logger): Update[] {
	let list: unknown[];
	try {
		const body = JSON.parse(text) as { result?: unknown };
		list = Array.isArray(body.result) ? body.result : [];
	} catch {
		log.warn('Telegram: an answer that is not JSON');
		return [];
	}
	const out: Update[] = [];
	for (const item of list) {
		const u = update.safeParse(item);
		if (u.success) out.push(u.data);
		else log.warn({ why: u.error.message }, 'Telegram: an update not understood, skipped');
	}
	return out;
}

/** The text in pieces Telegram takes, cut at a line or space where one is near the limit. */
export function chunks(text: string, max = TELEGRAM_MAX_TEXT): string[] {
	const out: string[] = [];
	let rest = text;
	while (rest.length > max) {
		let cut = rest.lastIndexOf('\n', max);
		if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
		if (cut < max / 2) cut = max;
		out.push(rest.slice(0, cut));
		rest = rest.slice(cut).replace(/^[\n ]/, '');
	}
	out.push(rest);
	return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const t = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});
}
