import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validPosition } from '$lib/contracts/testing';
import type { Database, Queryable } from '../db/types';
import type { Incoming } from './source';
import { IngestWriter, isDataError } from './writer';

/** A database whose transactions fail while `down` is true and record nothing else. */
function fakeDb() {
	const state = { down: false, commits: 0, attempts: 0 };
	const q: Queryable = { query: async () => [], copyIn: async () => {} };
	const db = {
		kind: 'pglite',
		query: q.query,
		transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
			state.attempts++;
			if (state.down) throw new Error('connection refused');
			const r = await fn(q);
			state.commits++;
			return r;
		}
	} as unknown as Database;
	return { db, state };
}

function message(acks: string[], i: number): Incoming {
	return {
		topic: topics.position('w'),
		payload: Buffer.from(JSON.stringify(validPosition({ msgId: `m${i}` }))),
		receivedAt: new Date(),
		ack: () => acks.push(`m${i}`)
	};
}

const log = pino({ level: 'silent' });
const until = async (cond: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error('timeout');
		await new Promise((r) => setTimeout(r, 5));
	}
};

/** A database that refuses (SQLSTATE 22003) any statement or COPY carrying "POISON", like a real one. */
function pickyDb() {
	const deadLetters: string[] = [];
	const q: Queryable = {
		query: async (text: string, params: unknown[] = []) => {
			const json = String(params[0] ?? '');
			if (text.includes('insert into dead_letter')) {
				deadLetters.push(...(JSON.parse(json) as { reason: string }[]).map((r) => r.reason));
			} else if (json.includes('POISON')) {
				throw Object.assign(new Error('value out of range'), { code: '22003' });
			}
			return [];
		},
		copyIn: async (_table, _columns, data) => {
			if (data.includes('POISON')) {
				throw Object.assign(new Error('value out of range'), { code: '22003' });
			}
		}
	};
	const db = {
		kind: 'pglite',
		query: q.query,
		transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => fn(q)
	} as unknown as Database;
	return { db, deadLetters };
}

describe('IngestWriter', () => {
	it('dead-letters a message the database refuses and commits the rest of its batch', async () => {
		const { db, deadLetters } = pickyDb();
		const acks: string[] = [];
		const w = new IngestWriter({ db, log, maxBatch: 100, maxPending: 1000 });
		const poison: Incoming = {
			...message(acks, 99),
			payload: Buffer.from(JSON.stringify(validPosition({ msgId: 'POISON' }))),
			ack: () => acks.push('poison')
		};
		for (let i = 0; i < 10; i++) w.enqueue(i === 5 ? poison : message(acks, i));
		await until(() => acks.length === 10);
		expect(acks).toContain('poison');
		expect(deadLetters).toEqual(['db_rejected']);
		expect(w.lastError).toBeNull();
		await w.stop();
	});

	it('tells data errors (isolate the message) from outages (hold and retry)', () => {
		expect(isDataError({ code: '22P05' })).toBe(true); // untranslatable character
		expect(isDataError({ code: '23505' })).toBe(true);
		expect(isDataError({ code: '54000' })).toBe(true);
		expect(isDataError({ code: '57P01' })).toBe(false); // admin shutdown
		expect(isDataError({ code: 'ECONNREFUSED' })).toBe(false);
		expect(isDataError(new Error('socket hang up'))).toBe(false);
	});

	it('acks nothing while the database is down, retries, then acks every message after its commit', async () => {
		const { db, state } = fakeDb();
		state.down = true;
		const acks: string[] = [];
		const w = new IngestWriter({ db, log, maxBatch: 100, maxPending: 1000 });
		for (let i = 0; i < 50; i++) w.enqueue(message(acks, i));
		await until(() => state.attempts >= 3);
		expect(acks).toEqual([]);
		expect(w.size).toBe(50);
		expect(w.lastError).toContain('connection refused');
		state.down = false;
		await until(() => acks.length === 50);
		expect(state.commits).toBeGreaterThanOrEqual(1);
		expect(acks).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
		expect(w.size).toBe(0);
		expect(w.lastError).toBeNull();
		await w.stop();
	});

	it('reports full at maxPending so the source stops reading (memory stays bounded)', async () => {
		const { db, state } = fakeDb();
		state.down = true;
		let drained = 0;
		const w = new IngestWriter({ db, log, maxBatch: 10, maxPending: 20, onDrain: () => drained++ });
		const acks: string[] = [];
		for (let i = 0; i < 19; i++) w.enqueue(message(acks, i));
		expect(w.isFull()).toBe(false);
		w.enqueue(message(acks, 19));
		expect(w.isFull()).toBe(true);
		state.down = false;
		await until(() => acks.length === 20);
		expect(w.isFull()).toBe(false);
		expect(drained).toBeGreaterThan(0);
		await w.stop();
	});

	it('reports full at maxPendingBytes of payload, however few the messages', async () => {
		const { db, state } = fakeDb();
		state.down = true;
		let drained = 0;
		const size = message([], 0).payload.length;
		const w = new IngestWriter({
			db,
			log,
			maxBatch: 10,
			maxPending: 1000,
			maxPendingBytes: 3 * size,
			onDrain: () => drained++
		});
		const acks: string[] = [];
		w.enqueue(message(acks, 0));
		w.enqueue(message(acks, 1));
		expect(w.isFull()).toBe(false);
		w.enqueue(message(acks, 2));
		expect(w.size).toBe(3);
		expect(w.isFull()).toBe(true); // 3 messages of 1000 allowed, but all the bytes
		state.down = false;
		await until(() => acks.length === 3);
		// Committed: the bytes are freed with the messages, and the source is told to read again.
		expect(w.isFull()).toBe(false);
		expect(drained).toBeGreaterThan(0);
		w.enqueue(message(acks, 3));
		expect(w.isFull()).toBe(false);
		await until(() => acks.length === 4);
		await w.stop();
	});

	it('groups a burst into one transaction, and what queues during a commit into the next', async () => {
		const { db, state } = fakeDb();
		const acks: string[] = [];
		const w = new IngestWriter({ db, log, maxBatch: 1000, maxPending: 10_000 });
		// one socket read: all of it in the first transaction, not the first message alone
		for (let i = 0; i < 500; i++) w.enqueue(message(acks, i));
		await until(() => acks.length === 500);
		expect(state.commits).toBe(1);
		await w.stop();
	});

	it('with two transactions in flight, acks still go out in arrival order', async () => {
		const order: string[] = [];
		let calls = 0;
		const q: Queryable = { query: async () => [], copyIn: async () => {} };
		const db = {
			kind: 'postgres',
			query: q.query,
			// the first transaction is slow, the second fast: the second commits first
			transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
				const delay = calls++ === 0 ? 60 : 5;
				const r = await fn(q);
				await new Promise((res) => setTimeout(res, delay));
				order.push(`commit${delay}`);
				return r;
			}
		} as unknown as Database;
		const acks: string[] = [];
		const w = new IngestWriter({ db, log, maxBatch: 3, maxPending: 100, concurrency: 2 });
		for (let i = 0; i < 6; i++) w.enqueue(message(acks, i));
		await until(() => acks.length === 6);
		expect(order.slice(0, 2)).toEqual(['commit5', 'commit60']);
		expect(acks).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
		await w.stop();
	});
});
