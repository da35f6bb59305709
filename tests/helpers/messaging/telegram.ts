import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Faults, Listener } from './faults';
import { postJson, readBody, sendJson } from './http';

/**
 * A stand-in for the Telegram Bot API (https://core.telegram.org/bots/api) at
 * {url}/bot{token}/{method}: sendMessage, getUpdates (offset, timeout: a long poll that answers
 * when an update comes), setWebhook/deleteWebhook (calls the webhook with
 * X-Telegram-Bot-Api-Secret-Token), getMe. Errors are shaped as the API's:
 * { ok: false, error_code, description, parameters?: { retry_after } }.
 */
export interface TelegramSent {
	chatId: string;
	text: string;
	messageId: number;
}

export interface TelegramServer {
	/** The API's base URL (TELEGRAM_API_URL). */
	url: string;
	token: string;
	sent: TelegramSent[];
	/** getUpdates calls answered so far (a poller's progress). */
	polls: number;
	/** The webhook set by setWebhook, or null (polling). */
	webhook: { url: string; secret: string | null } | null;
	/** The next `times` requests answer `status` (429 carries parameters.retry_after). */
	failNext(times: number, status: number, retryAfterS?: number): void;
	/** This chat blocked the bot: sendMessage answers 403. */
	block(chatId: string): void;
	/** A person wrote to the bot: an update for getUpdates, or a call to the webhook (its status). */
	incoming(chatId: string, text: string): Promise<number | null>;
	refuse(): Promise<void>;
	accept(): Promise<void>;
	stop(): Promise<void>;
}

interface Update {
	update_id: number;
	message: Record<string, unknown>;
}

export async function startTelegram(): Promise<TelegramServer> {
	const token = `12345:${randomUUID().replaceAll('-', '')}`;
	const faults = new Faults<number>();
	const sent: TelegramSent[] = [];
	const blocked = new Set<string>();
	const updates: Update[] = [];
	const waiters = new Set<() => void>();
	let nextUpdate = 1;
	let nextMessage = 1;
	const state = {
		polls: 0,
		webhook: null as TelegramServer['webhook'],
		stopping: false
	};
	const error = (code: number, description: string, retryAfter?: number) => ({
		ok: false,
		error_code: code,
		description,
		...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {})
	});

	const server = createServer((req, res) => {
		void (async () => {
			const raw = await readBody(req);
			const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
			const fault = faults.take();
			if (fault)
				return sendJson(
					res,
					fault.error,
					error(
						fault.error,
						fault.error === 429
							? `Too Many Requests: retry after ${fault.retryAfterS ?? 1}`
							: 'injected',
						fault.error === 429 ? (fault.retryAfterS ?? 1) : undefined
					)
				);
			if (!m) return sendJson(res, 404, error(404, 'Not Found'));
			if (m[1] !== token) return sendJson(res, 401, error(401, 'Unauthorized'));
			const p: Record<string, unknown> = raw
				? req.headers['content-type']?.includes('json')
					? JSON.parse(raw)
					: Object.fromEntries(new URLSearchParams(raw))
				: {};
			switch (m[2]) {
				case 'getMe':
					return sendJson(res, 200, {
						ok: true,
						result: { id: 12345, is_bot: true, username: 'eoc_test_bot' }
					});
				case 'sendMessage': {
					const chatId = String(p.chat_id ?? '');
					const text = typeof p.text === 'string' ? p.text : '';
					if (!chatId || !text)
						return sendJson(res, 400, error(400, 'Bad Request: chat_id and text are required'));
					if (blocked.has(chatId))
						return sendJson(res, 403, error(403, 'Forbidden: bot was blocked by the user'));
					const messageId = nextMessage++;
					sent.push({ chatId, text, messageId });
					return sendJson(res, 200, {
						ok: true,
						result: {
							message_id: messageId,
							chat: { id: Number(chatId), type: 'private' },
							date: Math.floor(Date.now() / 1000),
							text
						}
					});
				}
				case 'getUpdates': {
					if (state.webhook)
						return sendJson(
							res,
							409,
							error(409, "Conflict: can't use getUpdates method while webhook is active")
						);
					const offset = Number(p.offset ?? 0);
					const timeoutS = Number(p.timeout ?? 0);
					// Updates before the offset are confirmed: forgotten, as the API does.
					while (updates.length && updates[0].update_id < offset) updates.shift();
					if (updates.length === 0 && timeoutS > 0 && !state.stopping) {
						await new Promise<void>((resolve) => {
							const done = () => {
								clearTimeout(t);
								waiters.delete(done);
								resolve();
							};
							const t = setTimeout(done, timeoutS * 1000);
							waiters.add(done);
							req.on('close', done);
						});
					}
					state.polls++;
					if (res.destroyed) return;
					return sendJson(res, 200, {
						ok: true,
						result: updates.filter((u) => u.update_id >= offset)
					});
				}
				case 'setWebhook':
					state.webhook = p.url
						? { url: String(p.url), secret: p.secret_token ? String(p.secret_token) : null }
						: null;
					return sendJson(res, 200, { ok: true, result: true, description: 'Webhook was set' });
				case 'deleteWebhook':
					state.webhook = null;
					return sendJson(res, 200, { ok: true, result: true });
				default:
					return sendJson(res, 404, error(404, 'Not Found: method not found'));
			}
		})().catch((e) => sendJson(res, 500, error(500, String(e))));
	});
	const listener = new Listener(server);
	const port = await listener.listen();
	const wake = () => {
		for (const w of [...waiters]) w();
	};

	return {
		url: `http://127.0.0.1:${port}`,
		token,
		sent,
		get polls() {
			return state.polls;
		},
		get webhook() {
			return state.webhook;
		},
		failNext: (times, status, retryAfterS) => faults.failNext(times, status, retryAfterS),
		block: (chatId) => blocked.add(chatId),
		async incoming(chatId, text) {
			const update: Update = {
				update_id: nextUpdate++,
				message: {
					message_id: nextMessage++,
					from: { id: Number(chatId), is_bot: false, first_name: 'Test' },
					chat: { id: Number(chatId), type: 'private' },
					date: Math.floor(Date.now() / 1000),
					text
				}
			};
			const hook = state.webhook;
			if (hook) {
				const headers: Record<string, string> = hook.secret
					? { 'x-telegram-bot-api-secret-token': hook.secret }
					: {};
				return postJson(hook.url, JSON.stringify(update), headers);
			}
			updates.push(update);
			wake();
			return null;
		},
		refuse: () => listener.refuse(),
		accept: () => listener.accept(),
		async stop() {
			state.stopping = true;
			wake();
			await listener.close();
		}
	};
}
