import * as smpp from 'smpp';
import { Faults, Listener } from './faults';

/**
 * An SMSC on loopback (the smpp package's server): answers bind_transceiver (checks system_id and
 * password), enquire_link, unbind and submit_sm; keeps each submit_sm (decoded by data_coding:
 * UCS-2 for Cyrillic) and joins concatenated segments (UDH 8- or 16-bit reference) into one
 * message; sends deliver_sm to the bound client, as an inbound SMS or a delivery receipt.
 */
export interface SmppSegment {
	destination: string;
	source: string;
	dataCoding: number;
	esmClass: number;
	text: string;
	/** [reference, total, number] when the segment carries a concatenation UDH. */
	part: [number, number, number] | null;
	messageId: string;
}

export interface SmppMessage {
	destination: string;
	source: string;
	text: string;
	dataCoding: number;
	segments: number;
	/** The message_id answered for each segment, in order. */
	messageIds: string[];
}

export interface SmppTestServer {
	/** smpp://system_id:password@127.0.0.1:port (SMPP_URL) */
	url: string;
	/** Whole messages (segments joined), in order of completion. */
	messages: SmppMessage[];
	segments: SmppSegment[];
	binds: number;
	enquireLinks: number;
	/** Clients bound now. */
	bound(): number;
	/** The next `times` submit_sm answer `status` (e.g. smpp.ESME_RTHROTTLED, ESME_RINVDSTADR). */
	failNext(times: number, status: number): void;
	/** An SMS from a phone to the EOC's number: deliver_sm; the client's command_status. */
	deliver(from: string, to: string, text: string): Promise<number>;
	/** A delivery receipt for a message_id: deliver_sm with esm_class 0x04. */
	receipt(messageId: string, delivered?: boolean): Promise<number>;
	refuse(): Promise<void>;
	accept(): Promise<void>;
	stop(): Promise<void>;
}

const SYSTEM_ID = 'eoc';
const PASSWORD = 'smpppass';

/** The concatenation UDH's [reference, total, number], or null. */
function concat(udh: Buffer[] | undefined): [number, number, number] | null {
	for (const ie of udh ?? []) {
		if (ie[0] === 0x00 && ie.length >= 5) return [ie[2], ie[3], ie[4]];
		if (ie[0] === 0x08 && ie.length >= 6) return [ie.readUInt16BE(2), ie[4], ie[5]];
	}
	return null;
}

function text(field: unknown): { message: string; udh?: Buffer[] } {
	if (field && typeof field === 'object' && 'message' in field)
		return field as { message: string; udh?: Buffer[] };
	return { message: '' };
}

export async function startSmpp(): Promise<SmppTestServer> {
	const faults = new Faults<number>();
	const messages: SmppMessage[] = [];
	const segments: SmppSegment[] = [];
	const bound = new Set<smpp.Session>();
	const state = { binds: 0, enquireLinks: 0, nextId: 1 };

	const server = smpp.createServer({}, (session) => {
		session.on('error', () => {});
		session.on('close', () => bound.delete(session));
		session.on('bind_transceiver', (pdu: smpp.PDU) => {
			if (pdu.system_id !== SYSTEM_ID || pdu.password !== PASSWORD) {
				session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
				return;
			}
			state.binds++;
			bound.add(session);
			session.send(pdu.response({ system_id: 'test-smsc' }));
		});
		session.on('enquire_link', (pdu: smpp.PDU) => {
			state.enquireLinks++;
			session.send(pdu.response());
		});
		session.on('unbind', (pdu: smpp.PDU) => {
			bound.delete(session);
			session.send(pdu.response());
			session.close();
		});
		session.on('submit_sm', (pdu: smpp.PDU) => {
			if (!bound.has(session)) return session.send(pdu.response({ command_status: 0x04 }));
			const fault = faults.take();
			if (fault) return session.send(pdu.response({ command_status: fault.error }));
			const messageId = `m${state.nextId++}`;
			const sm = text(pdu.message_payload ?? pdu.short_message);
			const seg: SmppSegment = {
				destination: String(pdu.destination_addr),
				source: String(pdu.source_addr),
				dataCoding: Number(pdu.data_coding),
				esmClass: Number(pdu.esm_class),
				text: sm.message,
				part: concat(sm.udh),
				messageId
			};
			segments.push(seg);
			session.send(pdu.response({ message_id: messageId }));
			join(seg);
		});
	});

	const join = (seg: SmppSegment) => {
		if (!seg.part) {
			messages.push({ ...seg, segments: 1, messageIds: [seg.messageId] });
			return;
		}
		const [ref, total] = seg.part;
		const parts = segments.filter(
			(s) => s.part && s.part[0] === ref && s.part[1] === total && s.destination === seg.destination
		);
		if (parts.length < total) return;
		parts.sort((a, b) => a.part![2] - b.part![2]);
		messages.push({
			destination: seg.destination,
			source: seg.source,
			dataCoding: seg.dataCoding,
			text: parts.map((p) => p.text).join(''),
			segments: total,
			messageIds: parts.map((p) => p.messageId)
		});
		// A later message may reuse the reference: these parts are done.
		for (const p of parts) p.part = [-1, p.part![1], p.part![2]];
	};

	const toClient = (fields: Record<string, unknown>) =>
		new Promise<number>((resolve, reject) => {
			const session = [...bound][0];
			if (!session) return reject(new Error('no client is bound'));
			session.deliver_sm(fields, (r) => resolve(r.command_status));
		});

	const listener = new Listener(server);
	const port = await listener.listen();
	return {
		url: `smpp://${SYSTEM_ID}:${PASSWORD}@127.0.0.1:${port}`,
		messages,
		segments,
		get binds() {
			return state.binds;
		},
		get enquireLinks() {
			return state.enquireLinks;
		},
		bound: () => bound.size,
		failNext: (times, status) => faults.failNext(times, status),
		deliver: (from, to, message) =>
			toClient({
				source_addr_ton: 1,
				source_addr_npi: 1,
				source_addr: from.replace(/^\+/, ''),
				destination_addr: to,
				short_message: message
			}),
		receipt(messageId, delivered = true) {
			const stat = delivered ? 'DELIVRD' : 'UNDELIV';
			const now = new Date().toISOString().replace(/\D/g, '').slice(2, 12);
			return toClient({
				esm_class: 0x04,
				source_addr: '992900000000',
				destination_addr: 'EOC',
				receipted_message_id: messageId,
				message_state: delivered ? 2 : 5,
				short_message: `id:${messageId} sub:001 dlvrd:${delivered ? '001' : '000'} submit date:${now} done date:${now} stat:${stat} err:000 text:`
			});
		},
		async refuse() {
			for (const s of bound) s.destroy();
			bound.clear();
			await listener.refuse();
		},
		accept: () => listener.accept(),
		async stop() {
			for (const s of bound) s.destroy();
			await listener.close();
		}
	};
}
