import {
	UNSTORABLE_TEXT,
	type ParsedMessage,
	type ParseRejection,
	type ParseResult,
	type RejectReason
} from '$lib/contracts';
import { bulk } from '../db/bulk';
import { deadLetterPayload } from './dead-letter';
import { claimKeys } from './dedup';
import { relayRefusals, type Relayer } from './relay-guard';
import type { Queryable } from '../db/types';
import { recordChanges, type ChangeSet } from '../live/changes';
import { meshtasticEvents, ownTracksEvents } from './handlers/devices';
import { injects, states } from './handlers/exercises';
import { extents } from './handlers/hazards';
import { reports, updates } from './handlers/incidents';
import { readings } from './handlers/sensors';
import { capAlerts } from './handlers/alerts';
import { positions, statuses } from './handlers/teams';
import { taskingAcks } from './handlers/tasking';
import { ackRefusals } from './tasking-guard';
import { resourceStatuses } from './handlers/resources';
import type { Handler, HandlerOut } from './handlers/types';
import type { EmergencySignal } from '../alarms/types';
import { judgePictures, verifyCreated } from './picture';

/**
 * A rejection decided besides the payload's own validation: by the database (`db_rejected`), or
 * by the publisher's rights at the broker (`not_authorized`).
 */
export type Rejection = Omit<ParseRejection, 'reason'> & {
	reason: RejectReason | 'db_rejected' | 'not_authorized';
};
export type Validation = ParseResult | Rejection;

/** One received message with its validation result (computed once, before any write). */
export interface BatchItem {
	topic: string;
	payload: Buffer;
	receivedAt: Date;
	parsed: Validation;
	/** The device credential it came in with (embedded broker, device auth on). */
	relayer?: Relayer;
}

export type Outcome = 'stored' | 'duplicate' | 'rejected' | 'ignored';

export interface BatchResult {
	/** `detail`: why, for a rejection decided against the database (a picture, a reference). */
	outcomes: { family: string; outcome: Outcome; reason?: string; detail?: string }[];
	changes: number;
	/** Team emergencies raised by device messages (handlers/devices.ts), for the alarm engine. */
	emergencies: EmergencySignal[];
	/** The dead letters this batch committed, for the sender's feedback (ingest/refusals.ts). */
	deadLetters: DeadLetterNote[];
}

/** A committed dead letter as its sender's team is told of it. */
export interface DeadLetterNote {
	topic: string;
	payload: Buffer;
	reason: string;
	detail: string;
	msgId: string | null;
	relayer?: Relayer;
}

type Family = ParsedMessage['family'];
/** The families the EOC publishes to the field: never the ingest's to store. */
const EOC_TO_FIELD: ReadonlySet<Family> = new Set(['tasking', 'resource_tasking', 'refused']);
const handlers: { [F in Family]?: Handler<F> } = {
	position: positions,
	status: statuses,
	tasking_ack: taskingAcks,
	incident_report: reports,
	incident_update: updates,
	sensor_reading: readings,
	hazard_extent: extents,
	owntracks: ownTracksEvents,
	meshtastic: meshtasticEvents,
	resource_status: resourceStatuses,
	cap_alert: capAlerts,
	exercise_inject: injects,
	// Last: a reset deletes the exercise's rows, those of this same batch too.
	exercise_state: states
};

// What no PostgreSQL text can hold is replaced in what the dead-letter row says about a message
// (its raw bytes are kept untouched in the bytea payload).
const UNSTORABLE = new RegExp(UNSTORABLE_TEXT.source, 'g');
const safeText = (v: string | null) => (v === null ? null : v.replace(UNSTORABLE, '\ufffd'));

interface Rejected {
	item: BatchItem;
	reason: string;
	detail: string;
	sender: string | null;
	msgId: string | null;
}

/**
 * Writes one batch inside the caller's transaction: dead letters for the invalid, the dedup keys
 * for the valid, then each family's rows through its handler, then the change log. Returns one
 * outcome per item, in order. Throws only on a database error, or when a concurrent transaction
 * created a row of this batch in another picture (picture.ts): the caller retries the batch.
 */
export async function writeBatch(tx: Queryable, items: BatchItem[]): Promise<BatchResult> {
	const outcomes: BatchResult['outcomes'] = new Array(items.length);
	const rejected: Rejected[] = [];
	const valid: { index: number; message: ParsedMessage }[] = [];

	items.forEach((item, index) => {
		const p = item.parsed;
		if (!p.ok) {
			rejected.push({ item, reason: p.reason, detail: p.detail, sender: p.sender, msgId: p.msgId });
			outcomes[index] = { family: p.family, outcome: 'rejected', reason: p.reason };
		} else if (EOC_TO_FIELD.has(p.message.family)) {
			// What the EOC itself sends (taskings, refusals) echoes back on the wildcard
			// subscription: ignored, never stored nor dead-lettered (a refusal would answer itself).
			outcomes[index] = { family: p.message.family, outcome: 'ignored' };
		} else valid.push({ index, message: p.message });
	});

	// Updates to incidents that do not exist, and messages for a row of another picture (real or
	// a drill's), are set aside with their reason, like invalid payloads (picture.ts).
	const judged = await judgePictures(tx, valid);
	for (const { item: v, reason, detail } of judged.refused) {
		const m = v.message;
		rejected.push({ item: items[v.index], reason, detail, sender: m.sender, msgId: m.msgId });
		outcomes[v.index] = { family: m.family, outcome: 'rejected', reason, detail };
	}
	const accepted = judged.accepted;

	// A gateway device relays Meshtastic nodes of its own team only (or not yet mapped ones).
	const setAside = new Set<number>();
	for (const { index: i, detail, sender, msgId } of await relayRefusals(tx, items, accepted)) {
		rejected.push({ item: items[i], reason: 'not_authorized', detail, sender, msgId });
		outcomes[i] = { family: 'meshtastic', outcome: 'rejected', reason: 'not_authorized' };
		setAside.add(i);
	}

	// A team answers its current tasking only (tasking-guard.ts).
	for (const { index: i, reason, detail } of await ackRefusals(tx, accepted)) {
		const m = items[i].parsed as Extract<Validation, { ok: true }>;
		rejected.push({
			item: items[i],
			reason,
			detail,
			sender: m.message.sender,
			msgId: m.message.msgId
		});
		outcomes[i] = { family: 'tasking_ack', outcome: 'rejected', reason, detail };
		setAside.add(i);
	}

	const claimed = await claimKeys(
		tx,
		// Plain literals, not spreads: V8 builds these much faster (a hot path, per message).
		(setAside.size ? accepted.filter((v) => !setAside.has(v.index)) : accepted).map(
			({ index, message }) => ({
				index,
				message,
				payload: items[index].payload,
				receivedAt: items[index].receivedAt
			})
		)
	);
	for (const c of claimed.duplicates) {
		outcomes[c.index] = { family: c.message.family, outcome: 'duplicate' };
	}
	for (const { candidate: c, detail } of claimed.reused) {
		rejected.push({
			item: items[c.index],
			reason: 'msgid_reused',
			detail,
			sender: c.message.sender,
			msgId: c.message.msgId
		});
		outcomes[c.index] = { family: c.message.family, outcome: 'rejected', reason: 'msgid_reused' };
	}

	await bulk(
		tx,
		(r) => `insert into dead_letter (topic, payload, payload_bytes, payload_sha256, reason, detail,
			sender, msg_id, received_at)
		select topic, decode(payload, 'base64'), bytes, sha256, reason, detail, sender, "msgId",
			"receivedAt"
		from ${r} as x(topic text, payload text, bytes int, sha256 text, reason text, detail text,
			sender text, "msgId" text, "receivedAt" timestamptz)`,
		rejected.map((r) => {
			const { kept, bytes, sha256 } = deadLetterPayload(r.item.payload);
			return {
				topic: safeText(r.item.topic),
				payload: kept.toString('base64'),
				bytes,
				sha256,
				reason: r.reason,
				detail: safeText(r.detail),
				sender: safeText(r.sender),
				msgId: safeText(r.msgId),
				receivedAt: r.item.receivedAt
			};
		})
	);

	const byFamily = new Map<Family, ParsedMessage[]>();
	for (const { index, message: m } of claimed.fresh) {
		outcomes[index] = { family: m.family, outcome: 'stored' };
		const list = byFamily.get(m.family);
		if (list) list.push(m);
		else byFamily.set(m.family, [m]);
	}

	const changes: ChangeSet = new Map();
	const out: HandlerOut = { emergencies: [] };
	// Families in one fixed order (that of `handlers`), so concurrent transactions lock in one order.
	for (const [family, handler] of Object.entries(handlers) as [Family, Handler<Family>][]) {
		const messages = byFamily.get(family);
		if (messages) await handler(tx, messages as never, changes, out);
	}
	if (judged.created.length > 0) await verifyCreated(tx, judged.created);
	return {
		outcomes,
		changes: await recordChanges(tx, changes),
		emergencies: out.emergencies,
		deadLetters: rejected.map((r) => ({
			topic: r.item.topic,
			payload: r.item.payload,
			reason: r.reason,
			detail: r.detail,
			msgId: r.msgId,
			relayer: r.item.relayer
		}))
	};
}
