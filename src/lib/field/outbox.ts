/**
 * The send queue: every message the team makes goes here first, in order, and leaves only when the
 * broker has acknowledged it (QoS 1 PUBACK, which the EOC sends after the message is stored).
 */
import { fieldDb, type Outgoing, type Refusal, type Sent } from './db';

/** How many sent messages are remembered to name a later refusal. */
const SENT_KEPT = 300;
/** How many refusals the team can scroll back through. */
const REFUSALS_KEPT = 100;
/** How many waiting messages the Outbox tab lists. */
export const LISTED = 50;

/**
 * A msgId unique on this phone for ever: time plus 80 random bits. Not crypto.randomUUID, which
 * exists only in a secure context, and a LAN may serve the page over plain http.
 */
export function newMsgId(now = Date.now()): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	const rand = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `f-${now.toString(36)}-${rand}`;
}

export async function enqueue(item: Omit<Outgoing, 'seq'>): Promise<number> {
	return (await fieldDb()).add('outbox', item);
}

/** The oldest message waiting, or undefined when the queue is empty. */
export async function oldest(): Promise<Outgoing | undefined> {
	const cursor = await (await fieldDb()).transaction('outbox').store.openCursor();
	return cursor?.value;
}

/** The oldest `limit` messages waiting (what the Outbox tab lists; a long queue is not all read). */
export async function waiting(limit = LISTED): Promise<Outgoing[]> {
	return (await fieldDb()).getAll('outbox', null, limit);
}

export async function waitingCount(): Promise<number> {
	return (await fieldDb()).count('outbox');
}

/** The broker acknowledged `item`: out of the queue and into the sent log, in one transaction. */
export async function markSent(item: Outgoing, sentAt = Date.now()): Promise<void> {
	const db = await fieldDb();
	const tx = db.transaction(['outbox', 'sent'], 'readwrite');
	if (item.seq !== undefined) await tx.objectStore('outbox').delete(item.seq);
	const sent: Sent = {
		msgId: item.msgId,
		kind: item.kind,
		subject: item.subject,
		madeAt: item.madeAt,
		sentAt
	};
	await tx.objectStore('sent').put(sent);
	const count = await tx.objectStore('sent').count();
	if (count > SENT_KEPT) {
		let cursor = await tx.objectStore('sent').index('bySentAt').openCursor();
		for (let extra = count - SENT_KEPT; cursor && extra > 0; extra--) {
			await cursor.delete();
			cursor = await cursor.continue();
		}
	}
	await tx.done;
}

/** Records the EOC's refusal, naming the message it refers to when we still know it. */
export async function recordRefusal(refusal: Refusal): Promise<Refusal> {
	const db = await fieldDb();
	const ours = refusal.refusedMsgId ? await db.get('sent', refusal.refusedMsgId) : undefined;
	const kept: Refusal = ours ? { ...refusal, kind: ours.kind, subject: ours.subject } : refusal;
	await db.put('refused', kept);
	const count = await db.count('refused');
	if (count > REFUSALS_KEPT) {
		const oldestKeys = await db.getAllKeysFromIndex('refused', 'byAt', null, count - REFUSALS_KEPT);
		for (const key of oldestKeys) await db.delete('refused', key);
	}
	return kept;
}

/** Refusals, newest first. */
export async function refusals(): Promise<Refusal[]> {
	return (await (await fieldDb()).getAllFromIndex('refused', 'byAt')).reverse();
}
