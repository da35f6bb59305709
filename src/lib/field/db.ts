/**
 * The field app's storage on the phone (IndexedDB through idb): the device credential, the send
 * queue, what the EOC refused, what was sent, and small state that must survive a restart (the
 * last tasking, the last contact). Browser only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** What pairing gives the phone (POST /api/v1/field/pair); kept here, shown never again. */
export interface FieldCredential {
	teamId: string;
	callsign: string;
	username: string;
	password: string;
	clientId: string;
	mqttPath: string;
	credentialId: string;
	pairedAt: number;
}

export const OUT_KINDS = ['status', 'position', 'report', 'emergency', 'ack'] as const;
export type OutKind = (typeof OUT_KINDS)[number];

/** One message waiting to go: published in `seq` order, removed only on the broker's PUBACK. */
export interface Outgoing {
	seq?: number;
	msgId: string;
	topic: string;
	/** The JSON text, made once: a resend is byte for byte the same message. */
	payload: string;
	kind: OutKind;
	/** What it is about, shown in the team's language: a status, an incident type, an answer. */
	subject: string;
	madeAt: number;
}

/** A message the EOC acknowledged, kept (the latest few hundred) to name what a refusal refers to. */
export interface Sent {
	msgId: string;
	kind: OutKind;
	subject: string;
	madeAt: number;
	sentAt: number;
}

/** The EOC's refusal of one of our messages (`eoc/v1/teams/{teamId}/refused`). */
export interface Refusal {
	msgId: string;
	refusedMsgId?: string;
	topic: string;
	reason: string;
	detail: string;
	at: number;
	/** The refused message's kind and subject, when it was ours and is still in the sent log. */
	kind?: OutKind;
	subject?: string;
}

interface FieldSchema extends DBSchema {
	kv: { key: string; value: unknown };
	outbox: { key: number; value: Outgoing };
	sent: { key: string; value: Sent; indexes: { bySentAt: number } };
	refused: { key: string; value: Refusal; indexes: { byAt: number } };
}

export type FieldDb = IDBPDatabase<FieldSchema>;

export const DB_NAME = 'eocwall-field';

let opening: Promise<FieldDb> | null = null;

export function fieldDb(): Promise<FieldDb> {
	opening ??= openDB<FieldSchema>(DB_NAME, 1, {
		// The browser closed the database under us (storage cleared, quota): open it again next time.
		terminated() {
			opening = null;
		},
		upgrade(db) {
			db.createObjectStore('kv');
			db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
			db.createObjectStore('sent', { keyPath: 'msgId' }).createIndex('bySentAt', 'sentAt');
			db.createObjectStore('refused', { keyPath: 'msgId' }).createIndex('byAt', 'at');
		}
	});
	return opening;
}

export async function getKv<T>(key: string): Promise<T | undefined> {
	return (await (await fieldDb()).get('kv', key)) as T | undefined;
}

export async function setKv(key: string, value: unknown): Promise<void> {
	await (await fieldDb()).put('kv', value, key);
}

export async function deleteKv(key: string): Promise<void> {
	await (await fieldDb()).delete('kv', key);
}
