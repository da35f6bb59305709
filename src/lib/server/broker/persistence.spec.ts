import { createRequire } from 'node:module';
import type { Client } from 'aedes';
import type { AedesPacket } from 'aedes-packet';
import type MemoryPersistenceType from 'aedes-persistence/types/asyncPersistence';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedMemoryPersistence } from './persistence';

const require = createRequire(import.meta.url);
const LibraryStore: typeof MemoryPersistenceType = require('aedes-persistence/asyncPersistence.js');

type Store = InstanceType<typeof MemoryPersistenceType>;
const client = (id: string) => ({ id }) as Client;

const packet = (brokerId: string, brokerCounter: number, messageId?: number) =>
	({
		cmd: 'publish',
		brokerId,
		brokerCounter,
		topic: `eoc/v1/t/${brokerCounter}`,
		payload: Buffer.from(String(brokerCounter)),
		qos: 1,
		retain: false,
		dup: false,
		messageId
	}) as AedesPacket;

async function queue(store: Store, id: string) {
	const out: string[] = [];
	for await (const p of store.outgoingStream(client(id)) as AsyncIterable<AedesPacket>) {
		out.push(`${p.brokerId}:${p.brokerCounter}#${p.messageId}`);
	}
	return out;
}

/** What a call did: its value, or that it threw (the library throws "no such packet"). */
const outcome = (p: Promise<unknown>) =>
	p.then(
		(v) => ({ ok: v === undefined ? null : `${(v as AedesPacket).brokerCounter}` }),
		(e: Error) => ({ threw: e.message })
	);

type Op =
	| { op: 'enqueue'; clients: string[] }
	| { op: 'update'; client: string; pick: number; messageId: number }
	| { op: 'clear'; client: string; messageId: number };

const clients = fc.constantFrom('ingest', 'bridge');
/** One broker: the embedded broker is one process, so every packet it queues is its own. */
const BROKER = 'b1';
const ids = fc.integer({ min: 1, max: 4 }); // few ids, so that ids are reused and collide
const ops = fc.array(
	fc.oneof(
		fc.record({
			op: fc.constant('enqueue' as const),
			clients: fc.uniqueArray(clients, { minLength: 1 })
		}),
		fc.record({
			op: fc.constant('update' as const),
			client: clients,
			pick: fc.nat(),
			messageId: ids
		}),
		fc.record({ op: fc.constant('clear' as const), client: clients, messageId: ids })
	),
	{ maxLength: 80 }
);

describe('the embedded broker’s indexed session store', () => {
	it('answers every outgoing call as aedes-persistence’s memory store does', async () => {
		await fc.assert(
			fc.asyncProperty(ops, async (script: Op[]) => {
				const ours = new IndexedMemoryPersistence();
				const lib = new LibraryStore();
				let counter = 0;
				const enqueued: AedesPacket[] = [];
				for (const s of script) {
					if (s.op === 'enqueue') {
						const p = packet(BROKER, ++counter);
						enqueued.push(p);
						const subs = s.clients.map((clientId) => ({ clientId }));
						await ours.outgoingEnqueueCombi(subs, p);
						await lib.outgoingEnqueueCombi(subs, p);
					} else if (s.op === 'update') {
						// A delivery: an enqueued packet (or, rarely, one never enqueued) gets its id.
						const base = enqueued[s.pick % (enqueued.length + 1)] ?? packet(BROKER, 999);
						const p = { ...base, messageId: s.messageId };
						const a = await outcome(ours.outgoingUpdate(client(s.client), { ...p }));
						const b = await outcome(lib.outgoingUpdate(client(s.client), { ...p }));
						expect(a).toEqual(b);
					} else {
						const p = { ...packet(BROKER, 0), messageId: s.messageId };
						const a = await outcome(ours.outgoingClearMessageId(client(s.client), p));
						const b = await outcome(lib.outgoingClearMessageId(client(s.client), p));
						expect(a).toEqual(b);
					}
					for (const id of ['ingest', 'bridge']) {
						expect(await queue(ours, id)).toEqual(await queue(lib, id));
					}
				}
			}),
			{ numRuns: 1000 }
		);
	});

	it('clears the packet first in the queue when two hold the same id, whichever got it first', async () => {
		for (const store of [new IndexedMemoryPersistence(), new LibraryStore()]) {
			await store.outgoingEnqueue({ clientId: 'ingest' }, packet(BROKER, 1));
			await store.outgoingEnqueue({ clientId: 'ingest' }, packet(BROKER, 2));
			await store.outgoingUpdate(client('ingest'), packet(BROKER, 2, 8));
			await store.outgoingUpdate(client('ingest'), packet(BROKER, 1, 8));
			const p = await store.outgoingClearMessageId(client('ingest'), packet(BROKER, 0, 8));
			expect(p.brokerCounter).toBe(1);
			expect(await queue(store, 'ingest')).toEqual(['b1:2#8']);
		}
	});

	it('acknowledges 4,990 of 5,000 packets in flight in order and keeps the other ten queued in order', async () => {
		const store = new IndexedMemoryPersistence();
		for (let i = 1; i <= 5000; i++) {
			await store.outgoingEnqueue({ clientId: 'ingest' }, packet('b1', i));
			await store.outgoingUpdate(client('ingest'), packet('b1', i, ((i - 1) % 65535) + 1));
		}
		for (let i = 1; i <= 4990; i++) {
			const p = await store.outgoingClearMessageId(client('ingest'), packet('b1', 0, i));
			expect(p.brokerCounter).toBe(i);
		}
		expect(await queue(store, 'ingest')).toEqual(
			[4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000].map((i) => `b1:${i}#${i}`)
		);
	});
});
