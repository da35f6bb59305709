/**
 * The embedded broker's session store: aedes-persistence's memory store (what aedes uses by
 * default) with its outgoing queue indexed.
 *
 * Why: for a subscriber with a persistent session, aedes calls `outgoingUpdate` on every QoS 1
 * delivery and `outgoingClearMessageId` on every PUBACK, and the memory store answers both by
 * walking the client's whole queue (and splicing it). The ingest acknowledges only after its
 * commit, so a batch's worth of messages is in flight: thousands, walked per message. The bench
 * measured aedes at 29–31 µs per message for the ingest's session against 10 for a subscriber
 * that acknowledges at once. Here each queue is a Map in delivery order, with an index by
 * packet id, so both calls are O(1); everything else is the library's own.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { Client } from 'aedes';
import type { AedesPacket } from 'aedes-packet';
import type MemoryPersistenceType from 'aedes-persistence/types/asyncPersistence';

const require = createRequire(import.meta.url);
// The async store itself (aedes ≥ 1 calls its persistence through promises) and its Packet.
const MemoryPersistence: typeof MemoryPersistenceType = require('aedes-persistence/asyncPersistence.js');
const { Packet } = require('aedes-persistence') as {
	Packet: new (p: AedesPacket) => AedesPacket;
};

type Key = string;
const keyOf = (p: AedesPacket): Key => `${p.brokerId}:${p.brokerCounter}`;

/** One client's queue: packets in delivery order, and which of them holds each packet id. */
class OutgoingQueue {
	/** In queue order (a Map iterates in insertion order), each with its place in the queue. */
	readonly packets = new Map<Key, { p: AedesPacket; place: number }>();
	/** Packet id → the keys holding it (more than one only when an id was reused). */
	readonly byId = new Map<number, Key[]>();
	private places = 0;

	add(p: AedesPacket): void {
		this.packets.set(keyOf(p), { p, place: this.places++ });
	}

	private index(id: number | undefined, key: Key): void {
		if (id === undefined) return;
		const keys = this.byId.get(id);
		if (keys) keys.push(key);
		else this.byId.set(id, [key]);
	}

	private unindex(id: number | undefined, key: Key): void {
		if (id === undefined) return;
		const keys = this.byId.get(id);
		if (!keys) return;
		const i = keys.indexOf(key);
		if (i >= 0) keys.splice(i, 1);
		if (keys.length === 0) this.byId.delete(id);
	}

	/**
	 * Sets the id of a queued packet, as the library does. (The library also lets a packet of
	 * another broker with the same id be replaced; this broker is one process with an in-memory
	 * store, so every packet it queues is its own and that case cannot arise.)
	 */
	update(p: AedesPacket): void {
		const key = keyOf(p);
		const same = this.packets.get(key)?.p;
		if (!same) throw new Error('no such packet');
		this.unindex(same.messageId, key);
		same.messageId = p.messageId;
		this.index(p.messageId, key);
	}

	/** Removes and returns the first packet in the queue with this id, as the library's walk. */
	clear(id: number | undefined): AedesPacket | undefined {
		const keys = id === undefined ? undefined : this.byId.get(id);
		if (!keys) return undefined;
		let first = keys[0];
		for (const k of keys) {
			if (this.packets.get(k)!.place < this.packets.get(first)!.place) first = k;
		}
		const { p } = this.packets.get(first)!;
		this.packets.delete(first);
		this.unindex(id, first);
		return p;
	}

	*values(): Iterable<AedesPacket> {
		for (const { p } of this.packets.values()) yield p;
	}
}

export class IndexedMemoryPersistence extends MemoryPersistence {
	#outgoing = new Map<string, OutgoingQueue>();

	#queue(clientId: string): OutgoingQueue {
		let q = this.#outgoing.get(clientId);
		if (!q) this.#outgoing.set(clientId, (q = new OutgoingQueue()));
		return q;
	}

	override async outgoingEnqueue(sub: { clientId: string }, packet: AedesPacket): Promise<void> {
		this.#queue(sub.clientId).add(new Packet(packet));
	}

	override async outgoingEnqueueCombi(
		subs: { clientId: string }[],
		packet: AedesPacket
	): Promise<void> {
		for (const sub of subs) this.#queue(sub.clientId).add(new Packet(packet));
	}

	override async outgoingUpdate(client: Client, packet: AedesPacket): Promise<void> {
		this.#queue(client.id).update(packet);
	}

	override async outgoingClearMessageId(client: Client, packet: AedesPacket): Promise<AedesPacket> {
		const q = this.#outgoing.get(client.id);
		const p = q?.clear(packet.messageId);
		// An empty queue goes: every client id ever seen would otherwise keep one for good.
		if (q && q.packets.size === 0) this.#outgoing.delete(client.id);
		// The library returns undefined for an unknown id too; its type says otherwise.
		return p as AedesPacket;
	}

	override outgoingStream(client: Client): Readable {
		// A copy, as the library's: the stream must not see the queue change under it.
		return Readable.from([...(this.#outgoing.get(client.id)?.values() ?? [])]);
	}

	override async destroy(): Promise<void> {
		this.#outgoing.clear();
		await super.destroy();
	}
}
