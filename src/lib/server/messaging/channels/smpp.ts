/**
 * SMS over SMPP 3.4 to the mobile operator's SMSC: one bind_transceiver kept up with
 * enquire_link and re-bound with backoff when it drops; submit_sm out (UCS-2 and segments in
 * smpp-text.ts); deliver_sm in, an SMS from a phone or a delivery receipt.
 *
 * No `lookup`: SMPP's query_sm asks by the SMSC's message_id, which we learn only from the
 * submit_sm_resp; a message whose answer was lost (the case lookup is for) has no id to ask with,
 * and submit_sm has no slot for our key. The outbox marks such a message `unknown`.
 */
import { createHash } from 'node:crypto';
import * as smpp from 'smpp';
import { normalisePhone } from '$lib/contacts/phone';
import type { Logger } from '../../ops/log';
import type { Channel, Outgoing, SendResult } from '../channel';
import { encodeText } from './smpp-text';
import { HealthState, type Handlers } from './state';

export interface SmppOptions {
	/** smpp://system_id:password@host:2775 (ssmpp:// for TLS) */
	url: string;
	/** The sender shown on phones: a short code, a number or an alphanumeric name ("EOC"). */
	sourceAddr: string;
	ratePerSecond: number;
	enquireLinkMs?: number;
	/** How long a submit_sm (and a bind) may wait for its answer. */
	responseTimeoutMs?: number;
}

/** Answers that mean "not now": the SMSC is busy or throttling us. Others refuse the message. */
const TRANSIENT = new Set([0x08, 0x14, 0x45, 0x58, 0x64]);
/** Answers that refuse this message for good: bad number, bad length, barred. */
const PERMANENT = new Set([0x01, 0x0b, 0x33, 0x43, 0x50, 0x51, 0x65, 0x104]);
const THROTTLE_WAIT_MS = 1000;
const ESME_RX_T_APPN = 0x64;

export function createSmpp(o: SmppOptions, log: Logger): Channel {
	const url = new URL(o.url);
	const systemId = decodeURIComponent(url.username);
	const password = decodeURIComponent(url.password);
	const enquireMs = o.enquireLinkMs ?? 30_000;
	const answerMs = o.responseTimeoutMs ?? 15_000;
	const health = new HealthState();
	const alnum = /[^\d+]/.test(o.sourceAddr);
	let handlers: Handlers | null = null;
	let session: smpp.Session | null = null;
	let bound = false;
	let running = false;
	let backoffMs = 1000;
	let reference = Math.floor(Math.random() * 256);
	let timers: ReturnType<typeof setTimeout>[] = [];
	const waiting: ((bound: boolean) => void)[] = [];
	/** The parts of an inbound concatenated SMS, until all have come. */
	const parts = new Map<string, string[]>();

	const later = (fn: () => void, ms: number) => {
		const t = setTimeout(fn, ms);
		t.unref?.();
		timers.push(t);
	};

	/** Sends a PDU and waits for its answer; null when none comes in time or the link drops. */
	const request = (
		s: smpp.Session,
		command: string,
		fields: Record<string, unknown>,
		waitMs = answerMs
	) =>
		new Promise<smpp.PDU | null>((resolve) => {
			const t = setTimeout(() => resolve(null), waitMs);
			const fn = (s as unknown as Record<string, typeof s.submit_sm>)[command].bind(s);
			if (!fn(fields, (pdu) => (clearTimeout(t), resolve(pdu)))) {
				clearTimeout(t);
				resolve(null);
			}
		});

	const drop = (s: smpp.Session, reason: string) => {
		if (session !== s) return;
		session = null;
		bound = false;
		health.down(`SMPP: ${reason}`);
		for (const w of waiting.splice(0)) w(false);
		s.destroy();
		if (!running) return;
		log.warn({ reason, retryInMs: backoffMs }, 'SMPP link down, binding again');
		later(connect, backoffMs);
		backoffMs = Math.min(backoffMs * 2, 60_000);
	};

	const connect = () => {
		if (!running || session) return;
		const s = smpp.connect({
			host: url.hostname,
			port: Number(url.port) || 2775,
			tls: url.protocol === 'ssmpp:'
		});
		session = s;
		s.on('error', (e: Error & { code?: string }) =>
			drop(
				s,
				e.code
					? `${e.code === 'ECONNREFUSED' ? 'connection refused' : e.message} (${e.code})`
					: e.message
			)
		);
		s.on('close', () => drop(s, 'connection closed'));
		s.on('connect', async () => {
			const r = await request(s, 'bind_transceiver', {
				system_id: systemId,
				password,
				interface_version: 0x34
			});
			if (!r) return drop(s, 'no answer to bind_transceiver');
			if (r.command_status !== 0)
				return drop(s, `bind refused (command_status 0x${r.command_status.toString(16)})`);
			bound = true;
			backoffMs = 1000;
			health.ok();
			log.info('SMPP bound (transceiver)');
			for (const w of waiting.splice(0)) w(true);
			keepAlive(s);
		});
		s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
		s.on('unbind', (pdu: smpp.PDU) => {
			s.send(pdu.response());
			drop(s, 'the SMSC unbound');
		});
		s.on('deliver_sm', (pdu: smpp.PDU) => void deliver(s, pdu));
	};

	const keepAlive = (s: smpp.Session) =>
		later(async () => {
			if (session !== s || !bound) return;
			const r = await request(s, 'enquire_link', {});
			if (!r) return drop(s, 'no answer to enquire_link');
			health.ok();
			keepAlive(s);
		}, enquireMs);

	/**
	 * Bound now, or binding: a send just after start waits for the bind. While the link is down
	 * between attempts (no session) it does not wait: the outbox retries it later.
	 */
	const whenBound = () =>
		bound || !session
			? Promise.resolve(bound)
			: new Promise<boolean>((resolve) => {
					const t = setTimeout(() => resolve(false), answerMs);
					waiting.push((ok) => (clearTimeout(t), resolve(ok)));
				});

	const deliver = async (s: smpp.Session, pdu: smpp.PDU) => {
		let status = 0;
		try {
			if (handlers) await handle(pdu, handlers);
			else status = ESME_RX_T_APPN;
		} catch (e) {
			// The SMSC delivers it again later: nothing is lost while our side is failing.
			log.error({ err: e }, 'SMPP deliver_sm: the handler failed');
			status = ESME_RX_T_APPN;
		}
		s.send(pdu.response({ command_status: status }));
	};

	const handle = async (pdu: smpp.PDU, h: Handlers) => {
		const sm = (pdu.message_payload ?? pdu.short_message) as
			{ message?: string | Buffer; udh?: Buffer[] } | undefined;
		const text = typeof sm?.message === 'string' ? sm.message : '';
		if ((Number(pdu.esm_class) & 0x3c) === 0x04) return receipt(pdu, text, h);
		const from = String(pdu.source_addr ?? '');
		const address =
			Number(pdu.source_addr_ton) === 1
				? `+${from.replace(/^\+/, '')}`
				: (normalisePhone(from) ?? from);
		const whole = join(from, text, sm?.udh);
		if (whole === null) return;
		await h.incoming({
			channel: 'smpp',
			// deliver_sm carries no id of the message: the sender, the text and the minute it came
			// in stand for one, so the SMSC's redelivery (our answer lost) is recognised.
			externalId:
				'mo-' +
				createHash('sha256')
					.update(`${address}\n${whole}\n${Math.floor(Date.now() / 60_000)}`)
					.digest('hex')
					.slice(0, 32),
			address,
			text: whole,
			receivedAt: new Date()
		});
	};

	/** The whole text of a concatenated inbound SMS once its last part is in; null before. */
	const join = (from: string, text: string, udh: Buffer[] | undefined): string | null => {
		const ie = udh?.find((x) => x[0] === 0x00 || x[0] === 0x08);
		if (!ie) return text;
		const [ref, total, n] =
			ie[0] === 0x00 ? [ie[2], ie[3], ie[4]] : [ie.readUInt16BE(2), ie[4], ie[5]];
		const key = `${from}/${ref}/${total}`;
		const got = parts.get(key) ?? new Array<string>(total);
		got[n - 1] = text;
		parts.set(key, got);
		if (got.filter((x) => x !== undefined).length < total) return null;
		parts.delete(key);
		return got.join('');
	};

	const receipt = async (pdu: smpp.PDU, text: string, h: Handlers) => {
		const id = (pdu.receipted_message_id as string | undefined) ?? /id:(\S+)/i.exec(text)?.[1];
		const stat = /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
		const state = pdu.message_state as number | undefined;
		if (!id) return log.warn({ text }, 'SMPP receipt without a message id, ignored');
		// 1 ENROUTE, 6 ACCEPTED, 7 UNKNOWN: not final, nothing to report yet.
		const delivered = state === 2 || stat === 'DELIVRD';
		const failed =
			(state !== undefined && [3, 4, 5, 8].includes(state)) ||
			/^(UNDELIV|EXPIRED|DELETED|REJECTD)$/.test(stat ?? '');
		if (!delivered && !failed) return;
		await h.delivered({
			channel: 'smpp',
			externalId: id,
			delivered,
			reason: delivered ? undefined : (stat ?? `message_state ${state}`),
			at: new Date()
		});
	};

	return {
		name: 'smpp',
		ratePerSecond: o.ratePerSecond,
		marksHandOver: true,

		async send(msg: Outgoing, handOver?: () => Promise<boolean>): Promise<SendResult> {
			if (!running) {
				running = true;
				connect();
			}
			if (!(await whenBound()) || !session)
				return {
					ok: false,
					retry: true,
					reason: `SMPP not bound: ${health.get().error ?? 'binding'}`
				};
			const s = session;
			const digits = msg.address.replace(/^\+/, '');
			if (!/^\d{5,15}$/.test(digits))
				return { ok: false, retry: false, reason: `not a phone number: ${msg.address}` };
			let encoded;
			try {
				encoded = encodeText(msg.body, (reference = (reference + 1) & 0xff));
			} catch (e) {
				return { ok: false, retry: false, reason: (e as Error).message };
			}
			let first: string | null = null;
			for (const [i, seg] of encoded.segments.entries()) {
				// The last segment completes the message on the phone (a part without it is dropped
				// there): until it goes, a crash leaves the message certainly unsent.
				if (i === encoded.segments.length - 1 && handOver && !(await handOver()))
					return { ok: false, retry: true, reason: 'this instance no longer holds the message' };
				const r = await request(s, 'submit_sm', {
					source_addr_ton: alnum ? 5 : 1,
					source_addr_npi: alnum ? 0 : 1,
					source_addr: alnum ? o.sourceAddr : o.sourceAddr.replace(/^\+/, ''),
					dest_addr_ton: 1,
					dest_addr_npi: 1,
					destination_addr: digits,
					esm_class: seg.udh ? 0x40 : 0,
					data_coding: encoded.dataCoding,
					registered_delivery: 1,
					short_message: seg.bytes
				});
				if (!r) return { ok: false, retry: true, reason: 'SMPP: no answer to submit_sm' };
				const st = r.command_status;
				if (st !== 0) {
					const reason = `SMPP submit_sm refused (command_status 0x${st.toString(16)})`;
					if (PERMANENT.has(st)) return { ok: false, retry: false, reason };
					return TRANSIENT.has(st) && st === 0x58
						? { ok: false, retry: true, reason, retryAfterMs: THROTTLE_WAIT_MS }
						: { ok: false, retry: true, reason };
				}
				first ??= String(r.message_id ?? '') || null;
			}
			health.ok();
			return { ok: true, externalId: first };
		},

		health: () => health.get(),

		async start(h) {
			handlers = h;
			if (running) return;
			running = true;
			connect();
		},

		async stop() {
			running = false;
			handlers = null;
			for (const t of timers) clearTimeout(t);
			timers = [];
			for (const w of waiting.splice(0)) w(false);
			const s = session;
			session = null;
			bound = false;
			if (s) {
				// Polite, not required: an SMSC that does not answer does not hold up the stop.
				await request(s, 'unbind', {}, 2000);
				s.destroy();
			}
		}
	};
}
