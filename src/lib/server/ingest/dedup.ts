import { hash } from 'node:crypto';
import type { ParsedMessage } from '$lib/contracts';
import { bulk } from '../db/bulk';
import { copyText, copyTime, copyTimes } from '../db/copy';
import type { Queryable } from '../db/types';

export interface Candidate {
	index: number;
	message: ParsedMessage;
	payload: Buffer;
	receivedAt: Date;
}

export interface Claimed {
	/** Keys claimed by this batch: store these. */
	fresh: Candidate[];
	/** The same message again (same key, same bytes): a redelivery, harmless. */
	duplicates: Candidate[];
	/** Same key, other bytes: a sender reused a msgId. Set aside, never silently dropped. */
	reused: { candidate: Candidate; detail: string }[];
}

const hashOf = (c: Candidate) => hash('sha1', c.message.fingerprint ?? c.payload, 'base64');
const keyOf = (m: ParsedMessage) => `${m.sender}\n${m.msgId}`;

/**
 * Idempotence: claims each (sender, msgId) in ingested_message. The first claim, in this batch or
 * ever, is stored; a later one with the same bytes is a duplicate; with other bytes it is a reused
 * msgId, which the caller dead-letters (the dedup key must not swallow a different message).
 */
export async function claimKeys(tx: Queryable, candidates: Candidate[]): Promise<Claimed> {
	const out: Claimed = { fresh: [], duplicates: [], reused: [] };
	const firstInBatch = new Map<string, string>();
	const firsts: First[] = [];
	for (const c of candidates) {
		const key = keyOf(c.message);
		const digest = hashOf(c);
		const held = firstInBatch.get(key);
		if (held === undefined) {
			firstInBatch.set(key, digest);
			firsts.push({
				index: c.index,
				message: c.message,
				payload: c.payload,
				receivedAt: c.receivedAt,
				digest,
				key
			});
		} else if (held === digest) out.duplicates.push(c);
		else out.reused.push({ candidate: c, detail: reusedDetail(c.message, 'in the same batch') });
	}
	// Sorted by key: concurrent transactions take row locks in one order (no deadlock).
	const sorted = sortBy(firsts, (c) => c.key);
	if (await copyClaims(tx, sorted)) {
		out.fresh.push(...firsts);
		return out;
	}
	const fresh = await insertClaims(tx, sorted);
	const seenBefore = firsts.filter((c) => !fresh.has(c.key));
	// Only when a key was seen before: what did it hold then?
	const stored = await bulk<{ sender: string; msg_id: string; payload_hash: string | null }>(
		tx,
		(r) => `select m.sender, m.msg_id, m.payload_hash from ingested_message m
		join ${r} as x(sender text, "msgId" text) on m.sender = x.sender and m.msg_id = x."msgId"`,
		seenBefore.map((c) => ({ sender: c.message.sender, msgId: c.message.msgId }))
	);
	const storedHash = new Map(stored.map((r) => [`${r.sender}\n${r.msg_id}`, r.payload_hash]));
	for (const c of firsts) {
		if (fresh.has(c.key)) out.fresh.push(c);
		else {
			const h = storedHash.get(c.key);
			// Rows from before hashes were kept (null) count as the same message.
			if (h === null || h === undefined || h === c.digest) out.duplicates.push(c);
			else out.reused.push({ candidate: c, detail: reusedDetail(c.message, 'before') });
		}
	}
	return out;
}

type First = Candidate & { digest: string; key: string };

const CLAIM_COLUMNS = [
	'sender',
	'msg_id',
	'topic',
	'family',
	'ts',
	'received_at',
	'outcome',
	'exercise',
	'payload_hash'
] as const;

/**
 * The common case, every key new: one COPY, the cheapest insert for the server. A key that exists
 * (a redelivery, or a reused msgId) fails the whole COPY with a unique violation; the savepoint
 * undoes it and the caller claims key by key instead. Returns whether the COPY took every key.
 */
async function copyClaims(tx: Queryable, firsts: First[]): Promise<boolean> {
	if (firsts.length === 0) return true;
	let data = '';
	const receivedAt = copyTimes(); // a burst shares its received-at millisecond
	for (const c of firsts) {
		const m = c.message;
		data +=
			`${copyText(m.sender)}\t${copyText(m.msgId)}\t${copyText(m.topic)}\t${m.family}\t` +
			`${copyTime(m.ts)}\t${receivedAt(c.receivedAt)}\tstored\t${copyText(m.exercise)}\t` +
			`${c.digest}\n`;
	}
	await tx.query('savepoint claim_keys');
	try {
		await tx.copyIn('ingested_message', CLAIM_COLUMNS, data);
	} catch (err) {
		if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
		await tx.query('rollback to savepoint claim_keys');
		return false;
	}
	await tx.query('release savepoint claim_keys');
	return true;
}

const UNIQUE_VIOLATION = '23505';

/** Claims each key unless it exists; returns the keys this batch claimed. */
async function insertClaims(tx: Queryable, firsts: First[]): Promise<Set<string>> {
	const inserted = await bulk<{ sender: string; msg_id: string }>(
		tx,
		(r) => `insert into ingested_message (sender, msg_id, topic, family, ts, received_at, outcome,
			exercise, payload_hash)
		select sender, "msgId", topic, family, ts, "receivedAt", 'stored', exercise, hash
		from ${r} as x(sender text, "msgId" text, topic text, family text, ts timestamptz,
			"receivedAt" timestamptz, exercise text, hash text)
		on conflict (sender, msg_id) do nothing
		returning sender, msg_id`,
		firsts.map((c) => ({
			sender: c.message.sender,
			msgId: c.message.msgId,
			topic: c.message.topic,
			family: c.message.family,
			ts: c.message.ts,
			receivedAt: c.receivedAt,
			exercise: c.message.exercise,
			hash: c.digest
		}))
	);
	return new Set(inserted.map((r) => `${r.sender}\n${r.msg_id}`));
}

/** Sorted by a string key computed once per item (not once per comparison). */
export function sortBy<T>(items: T[], key: (t: T) => string): T[] {
	return items
		.map((item) => ({ k: key(item), item }))
		.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
		.map((x) => x.item);
}

function reusedDetail(m: ParsedMessage, when: string): string {
	return `msgId "${m.msgId}" of ${m.sender} was used ${when} for a different message`;
}
