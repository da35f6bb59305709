/**
 * An SMS or Telegram message to the EOC, as a channel adapter hands it over: validated, stored
 * once, its sender recognised (a contact, a team member, or public), read (parse.ts), and in one
 * transaction written with what it became (a field report in the console's queue, a tasking
 * answer, or free text in the queue) and the acknowledgement with its reference in the sender's
 * language. A second delivery of the same message (the channel's id) writes nothing.
 */
import { reportIncidentId } from '$lib/contracts/incident-id';
import type { IncidentReportPayload } from '$lib/contracts';
import { maskPhone, normalisePhone } from '$lib/contacts/phone';
import { m } from '$lib/paraglide/messages';
import { findSender } from '../../contacts/query';
import type { Database } from '../../db/types';
import { writeReports } from '../../entities/incident/write';
import { recordChanges, type ChangeSet } from '../../live/changes';
import type { Logger } from '../../ops/log';
import { placeIndex } from '../../places';
import { readSettings } from '../../settings/store';
import type { Incoming } from '../channel';
import { enqueue } from '../outbox/enqueue';
import type { Routing } from '../outbox/routes';
import { senderLang } from './lang';
import { bboxCentre, senderPoint, type Point } from './locate';
import { parseInbound, type Inbound } from './parse';
import { placeLookup } from './place';
import { insertInbound, nextNumber } from './store';
import { answerBySms } from './tasking-sms';

export interface InboundDeps {
	db: Database;
	log: Logger;
	/** Called after a commit that wrote something: wakes the live hub and the outbox's sender. */
	poke: () => void;
	/** Not needed yet: an acknowledgement goes back on the channel the message came by. */
	routing?: Routing | null;
}

export type InboundResult =
	| {
			status: 'stored';
			id: number;
			reference: string;
			kind: 'report' | 'free_text' | 'tasking_answer';
			incidentId: string | null;
	  }
	| { status: 'duplicate'; reference: string | null }
	| { status: 'refused'; reason: string };

/** Telegram's own bound of a message; an SMS of ten segments is far below it. */
export const MAX_TEXT = 4096;
const MAX_ID = 200;
/** What a free text's title shows of it (the whole text is its description). */
const TITLE_CHARS = 80;
/** A free text is not graded by its sender: the middle of the scale, for the operator to set. */
const FREE_TEXT_SEVERITY = 3;
const CHAT_ID = /^-?\d{1,20}$/;

type Valid = Incoming & { masked: string };

/** The message as it may be stored, or why not. */
export function validateIncoming(
	m: Incoming
): { ok: true; m: Valid } | { ok: false; reason: string } {
	if (!['sms_gateway', 'smpp', 'telegram'].includes(m.channel))
		return { ok: false, reason: `channel ${String(m.channel)} does not bring reports` };
	if (typeof m.externalId !== 'string' || m.externalId.length < 1 || m.externalId.length > MAX_ID)
		return { ok: false, reason: `the message id must be 1-${MAX_ID} characters` };
	const text = typeof m.text === 'string' ? m.text.trim() : '';
	if (text.length === 0) return { ok: false, reason: 'the message is empty' };
	if (text.length > MAX_TEXT)
		return { ok: false, reason: `the message is over ${MAX_TEXT} characters` };
	if (!(m.receivedAt instanceof Date) || Number.isNaN(m.receivedAt.getTime()))
		return { ok: false, reason: 'the time of arrival is not a time' };
	// A phone's clock ahead of ours does not put a report in the future.
	const receivedAt = new Date(Math.min(m.receivedAt.getTime(), Date.now()));
	if (m.channel === 'telegram') {
		if (typeof m.address !== 'string' || !CHAT_ID.test(m.address))
			return { ok: false, reason: 'a Telegram chat id is a number' };
		return {
			ok: true,
			m: { ...m, text, receivedAt, masked: `••• ${m.address.slice(-2)}` }
		};
	}
	const phone = typeof m.address === 'string' ? normalisePhone(m.address) : null;
	if (!phone) return { ok: false, reason: 'the sender is not a phone number' };
	return { ok: true, m: { ...m, address: phone, text, receivedAt, masked: maskPhone(phone) } };
}

export async function handleIncoming(deps: InboundDeps, raw: Incoming): Promise<InboundResult> {
	const { db, log } = deps;
	const v = validateIncoming(raw);
	if (!v.ok) {
		log.warn(
			{
				channel: raw.channel,
				externalId: String(raw.externalId).slice(0, MAX_ID),
				reason: v.reason
			},
			'inbound message refused'
		);
		return { status: 'refused', reason: v.reason };
	}
	const msg = v.m;
	const known = await duplicateOf(db, msg);
	if (known) return known;

	const sender = await findSender(db, msg.channel, msg.address);
	const lang = senderLang(sender.lang, msg.text);
	const { area } = await readSettings(db);
	const parsed = parseInbound(msg.text, placeLookup(await placeIndex(db), area.bbox, lang));
	const fallback = (await senderPoint(db, sender)) ?? null;

	const result = await db
		.transaction(async (tx): Promise<InboundResult> => {
			const changes: ChangeSet = new Map();
			const number = await nextNumber(tx);
			const reference = `R-${number}`;
			const base = {
				channel: msg.channel,
				externalId: msg.externalId,
				address: msg.address,
				masked: msg.masked,
				text: msg.text,
				receivedAt: msg.receivedAt,
				contactId: sender.contactId,
				teamId: sender.teamId,
				reference,
				lang
			};
			let ack: string;
			let row: Parameters<typeof insertInbound>[1];
			const answered =
				parsed.kind === 'answer' && sender.teamId
					? await answerBySms(tx, changes, {
							...parsed,
							teamId: sender.teamId,
							ts: msg.receivedAt,
							msgId: `${msg.channel}:${msg.externalId}`,
							channel: msg.channel
						})
					: null;
			if (parsed.kind === 'answer' && answered) {
				row = { ...base, kind: 'tasking_answer', incidentId: null, located: null };
				ack = (parsed.answer === 'accepted' ? m.inbound_sms_accepted : m.inbound_sms_declined)(
					{ ref: answered },
					{ locale: lang }
				);
			} else {
				// An answer that matches no current tasking is shown to the operator as what it is: text.
				const r: Exclude<Inbound, { kind: 'answer' }> =
					parsed.kind === 'answer'
						? { kind: 'free_text', type: 'other', place: null, problem: 'no current tasking' }
						: parsed;
				const placed = place(r, fallback, bboxCentre(area.bbox));
				const incidentId = reportIncidentId(`${msg.channel}:${msg.address}`, msg.externalId);
				row = { ...base, kind: r.kind, incidentId, located: placed.located };
				await writeReport(tx, changes, msg, sender, r, placed, incidentId);
				ack = m.inbound_sms_ack({ ref: reference }, { locale: lang });
			}
			const id = await insertInbound(tx, row);
			// Delivered twice at once: the other delivery holds the message; this one writes nothing.
			if (id === null) throw new Duplicate();
			await enqueue(tx, [
				{
					key: `ack:${msg.channel}:${msg.externalId}`,
					sourceKind: 'ack',
					sourceId: String(id),
					contactId: sender.contactId,
					channel: msg.channel,
					address: msg.address,
					lang,
					body: ack
				}
			]);
			await recordChanges(tx, changes);
			return { status: 'stored', id, reference, kind: row.kind, incidentId: row.incidentId };
		})
		.catch(async (err) => {
			if (err instanceof Duplicate)
				return (await duplicateOf(db, msg)) ?? { status: 'duplicate' as const, reference: null };
			throw err;
		});
	if (result.status === 'stored') {
		log.info(
			{
				channel: msg.channel,
				reference: result.reference,
				kind: result.kind,
				public: !sender.contactId,
				// Why a text that starts like a report is not one: the syntax's most common trouble.
				...(parsed.kind === 'free_text' && parsed.problem ? { problem: parsed.problem } : {})
			},
			'inbound message stored'
		);
		deps.poke();
	}
	return result;
}

class Duplicate extends Error {}

async function duplicateOf(db: Database, msg: Incoming): Promise<InboundResult | null> {
	const [r] = await db.query<{ reference: string }>(
		'select reference from inbound_message where channel = $1 and external_id = $2',
		[msg.channel, msg.externalId]
	);
	return r ? { status: 'duplicate', reference: r.reference } : null;
}

type Placed = Point & { place: string | null; located: 'coords' | 'place' | 'sender' | 'area' };

function place(
	r: Exclude<Inbound, { kind: 'answer' }>,
	sender: Point | null,
	centre: Point
): Placed {
	if (r.kind === 'report' && r.report.lat !== undefined && r.report.lon !== undefined)
		return { lat: r.report.lat, lon: r.report.lon, place: null, located: 'coords' };
	if (r.place) return { lat: r.place.lat, lon: r.place.lon, place: r.place.name, located: 'place' };
	if (sender) return { ...sender, place: null, located: 'sender' };
	return { ...centre, place: null, located: 'area' };
}

/** The report (or the free text) as a field report in status `reported`: the MQTT reports' writer. */
async function writeReport(
	tx: Parameters<typeof writeReports>[0],
	changes: ChangeSet,
	msg: Valid,
	sender: { contactId: string | null; teamId: string | null },
	r: Exclude<Inbound, { kind: 'answer' }>,
	at: Placed,
	incidentId: string
) {
	const free = r.kind === 'free_text';
	const line = msg.text.replace(/\s+/g, ' ');
	const title = free
		? line.length > TITLE_CHARS
			? line.slice(0, TITLE_CHARS - 1) + '…'
			: line
		: r.report.title;
	const body: IncidentReportPayload = {
		msgId: msg.externalId,
		ts: msg.receivedAt,
		exercise: null,
		reporter: sender.teamId ?? (sender.contactId ? `contact:${sender.contactId}` : 'public'),
		type: free ? r.type : r.report.type,
		severity: free ? FREE_TEXT_SEVERITY : r.report.severity,
		lat: at.lat,
		lon: at.lon,
		title,
		// The message as it came, when the title is not all of it.
		description: free || title !== line ? msg.text.slice(0, 5000) : undefined
	};
	await writeReports(tx, changes, [
		{
			family: 'incident_report',
			topic: `inbound/${msg.channel}`,
			sender: `${msg.channel}:${msg.address}`,
			msgId: msg.externalId,
			ts: msg.receivedAt,
			exercise: null,
			body
		}
	]);
	if (incidentId && at.place)
		await tx.query('update incident set place = $2 where id = $1', [incidentId, at.place]);
}
