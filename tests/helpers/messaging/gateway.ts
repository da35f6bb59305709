import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Faults, Listener } from './faults';
import { postJson, readBody, sendJson } from './http';

/**
 * A stand-in for the "SMS Gateway for Android" app's local server, speaking its documented
 * requests: POST /message (basic auth; `textMessage.text`, or the older `message`), GET
 * /message/{id}, POST /webhooks to register; and it calls the registered webhooks, signed as the
 * app signs them (X-Signature: hex HMAC-SHA256 of body + X-Timestamp, under the signing key).
 */
export interface GatewayMessage {
	id: string;
	phoneNumbers: string[];
	text: string;
	withDeliveryReport: boolean;
	state: 'Pending' | 'Sent' | 'Delivered' | 'Failed';
}

export type Signing = 'good' | 'none' | 'bad';

export interface GatewayServer {
	/** http://user:password@127.0.0.1:port */
	url: string;
	user: string;
	password: string;
	/** The webhook signing key (the app's Settings → Webhooks → Signing Key). */
	webhookKey: string;
	/** Every message accepted, in order. */
	messages: GatewayMessage[];
	/** Webhooks registered through POST /webhooks. */
	webhooks: { id: string; url: string; event: string }[];
	/** Requests to POST /message, including refused ones. */
	requests: number;
	/** The next `times` requests (any path) answer `status` (429 with Retry-After). */
	failNext(times: number, status: number, retryAfterS?: number): void;
	/** Stops listening (connections refused) / listens again on the same port. */
	refuse(): Promise<void>;
	accept(): Promise<void>;
	/** An SMS came to the phone: `sms:received` to the webhooks; their answers' statuses. */
	receive(phone: string, text: string, signing?: Signing): Promise<number[]>;
	/** A delivery report for a message sent: `sms:delivered` or `sms:failed`. */
	report(id: string, delivered: boolean, reason?: string, signing?: Signing): Promise<number[]>;
	stop(): Promise<void>;
}

export async function startGateway(): Promise<GatewayServer> {
	const user = 'sms';
	const password = 'gw-' + randomUUID().slice(0, 8);
	const webhookKey = 'key-' + randomUUID();
	const faults = new Faults<number>();
	const messages: GatewayMessage[] = [];
	const webhooks: GatewayServer['webhooks'] = [];
	const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
	const state = { requests: 0 };

	const server = createServer((req, res) => {
		void (async () => {
			const body = await readBody(req);
			const path = new URL(req.url ?? '/', 'http://x').pathname;
			if (req.method === 'POST' && path === '/message') state.requests++;
			const fault = faults.take();
			if (fault) {
				const headers: Record<string, string> = fault.retryAfterS
					? { 'retry-after': String(fault.retryAfterS) }
					: {};
				return sendJson(res, fault.error, { message: `injected ${fault.error}` }, headers);
			}
			if (req.headers.authorization !== auth)
				return sendJson(res, 401, { message: 'Unauthorized' });
			if (req.method === 'POST' && path === '/message') {
				let m: Record<string, unknown>;
				try {
					m = JSON.parse(body);
				} catch {
					return sendJson(res, 400, { message: 'invalid JSON' });
				}
				const text =
					(m.textMessage as { text?: unknown } | undefined)?.text ?? (m.message as unknown);
				const phones = m.phoneNumbers;
				if (typeof text !== 'string' || !Array.isArray(phones) || phones.length === 0)
					return sendJson(res, 400, { message: 'textMessage.text and phoneNumbers are required' });
				if (!phones.every((p) => typeof p === 'string' && /^\+[1-9]\d{6,14}$/.test(p)))
					return sendJson(res, 400, { message: 'invalid phone number' });
				const id = typeof m.id === 'string' && m.id ? m.id : randomUUID();
				if (messages.some((x) => x.id === id))
					return sendJson(res, 409, { message: `message ${id} already exists` });
				const msg: GatewayMessage = {
					id,
					phoneNumbers: phones as string[],
					text,
					withDeliveryReport: m.withDeliveryReport !== false,
					state: 'Pending'
				};
				messages.push(msg);
				return sendJson(res, 202, view(msg));
			}
			const one = /^\/message\/([^/]+)$/.exec(path);
			if (req.method === 'GET' && one) {
				const msg = messages.find((x) => x.id === decodeURIComponent(one[1]));
				return msg ? sendJson(res, 200, view(msg)) : sendJson(res, 404, { message: 'not found' });
			}
			if (req.method === 'POST' && path === '/webhooks') {
				const w = JSON.parse(body) as { id?: string; url: string; event: string };
				const hook = { id: w.id ?? randomUUID(), url: w.url, event: w.event };
				const i = webhooks.findIndex((x) => x.id === hook.id);
				if (i >= 0) webhooks[i] = hook;
				else webhooks.push(hook);
				return sendJson(res, 201, hook);
			}
			if (req.method === 'GET' && path === '/webhooks') return sendJson(res, 200, webhooks);
			if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'pass' });
			sendJson(res, 404, { message: 'not found' });
		})().catch((e) => sendJson(res, 500, { message: String(e) }));
	});
	const listener = new Listener(server);
	const port = await listener.listen();

	const view = (m: GatewayMessage) => ({
		id: m.id,
		state: m.state,
		isHashed: false,
		isEncrypted: false,
		recipients: m.phoneNumbers.map((phoneNumber) => ({ phoneNumber, state: m.state }))
	});

	const call = async (event: string, payload: Record<string, unknown>, signing: Signing) => {
		const body = JSON.stringify({
			deviceId: 'test-device',
			event,
			id: randomUUID(),
			payload,
			webhookId: 'test'
		});
		const ts = String(Math.floor(Date.now() / 1000));
		const sig = createHmac('sha256', signing === 'bad' ? 'wrong-key' : webhookKey)
			.update(body + ts)
			.digest('hex');
		const headers: Record<string, string> =
			signing === 'none' ? {} : { 'x-signature': sig, 'x-timestamp': ts };
		const out: number[] = [];
		for (const w of webhooks.filter((x) => x.event === event))
			out.push(await postJson(w.url, body, headers));
		return out;
	};

	return {
		url: `http://${user}:${password}@127.0.0.1:${port}`,
		user,
		password,
		webhookKey,
		messages,
		webhooks,
		get requests() {
			return state.requests;
		},
		failNext: (times, status, retryAfterS) => faults.failNext(times, status, retryAfterS),
		refuse: () => listener.refuse(),
		accept: () => listener.accept(),
		receive: (phone, text, signing = 'good') =>
			call(
				'sms:received',
				{
					messageId: randomUUID().slice(0, 12),
					message: text,
					phoneNumber: phone,
					simNumber: 1,
					receivedAt: new Date().toISOString()
				},
				signing
			),
		report: (id, delivered, reason, signing = 'good') => {
			const msg = messages.find((m) => m.id === id);
			if (msg) msg.state = delivered ? 'Delivered' : 'Failed';
			const at = new Date().toISOString();
			return delivered
				? call(
						'sms:delivered',
						{ messageId: id, phoneNumber: msg?.phoneNumbers[0], deliveredAt: at },
						signing
					)
				: call(
						'sms:failed',
						{ messageId: id, phoneNumber: msg?.phoneNumbers[0], failedAt: at, reason },
						signing
					);
		},
		stop: () => listener.close()
	};
}
