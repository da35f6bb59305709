import 'fake-indexeddb/auto';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldCredential } from './db';
import { FieldLink } from './link.svelte';
import { statusMessage } from './messages';
import { waitingCount } from './outbox';

/** A stand-in for mqtt.js's client: the test decides when a PUBACK comes, and when it drops. */
class FakeClient extends EventEmitter {
	/** What the next clients do by themselves: connect, and acknowledge every publish. */
	static auto = { up: true, ack: true };
	connected = false;
	published: { topic: string; payload: string; ack: (err?: Error) => void }[] = [];
	autoAck = FakeClient.auto.ack;
	publish(topic: string, payload: string, _o: unknown, cb: (err?: Error) => void) {
		const ack = (err?: Error) => cb(err);
		this.published.push({ topic, payload, ack });
		if (this.autoAck) setTimeout(() => ack(), 1);
	}
	subscribe() {}
	end() {
		this.connected = false;
		this.emit('end');
	}
	up() {
		this.connected = true;
		this.emit('connect');
	}
}
const clients: FakeClient[] = [];
vi.mock('mqtt', () => ({
	default: {
		connect: () => {
			const c = new FakeClient();
			clients.push(c);
			if (FakeClient.auto.up) setTimeout(() => c.up(), 1);
			return c;
		}
	}
}));

const CRED: FieldCredential = {
	teamId: 'team-a',
	callsign: 'A',
	username: 'team-a.x',
	password: 'p',
	clientId: 'team-a.x',
	mqttPath: '/mqtt',
	credentialId: 'c',
	pairedAt: 0
};
const handlers = new Map<string, () => void>();
const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
	for (let i = 0; i < 400; i++) {
		if (await ok()) return;
		await new Promise((r) => setTimeout(r, 5));
	}
	throw new Error(`never: ${what}`);
};

describe('the field link sends the queue in order and never stalls', () => {
	let link: FieldLink;
	beforeEach(async () => {
		clients.length = 0;
		FakeClient.auto = { up: true, ack: true };
		vi.stubGlobal('location', { protocol: 'http:', host: 'eoc.test' });
		vi.stubGlobal('navigator', { onLine: true });
		vi.stubGlobal('addEventListener', (t: string, h: () => void) => handlers.set(t, h));
		vi.stubGlobal('removeEventListener', (t: string) => handlers.delete(t));
		const { fieldDb } = await import('./db');
		const db = await fieldDb();
		await db.clear('outbox');
		link = new FieldLink(CRED);
	});
	afterEach(() => {
		link.stop();
		vi.unstubAllGlobals();
	});

	it('sends in order and takes a message out of the queue only on its PUBACK', async () => {
		const ids: string[] = [];
		for (const s of ['en_route', 'on_scene', 'returning'] as const) {
			const m = statusMessage('team-a', s, null);
			ids.push(m.msgId);
			await link.send(m);
		}
		const c = (): FakeClient => clients[0];
		FakeClient.auto.ack = false;
		await link.start();
		await until('connected', () => c()?.connected === true);
		await until('the first publish', () => c().published.length === 1);
		expect(await waitingCount()).toBe(3); // published, not acknowledged: still queued
		for (let i = 0; i < 3; i++) {
			await until(`publish ${i + 1}`, () => c().published.length === i + 1);
			c().published[i].ack();
		}
		await until('the queue empty', async () => (await waitingCount()) === 0);
		expect(c().published.map((p) => JSON.parse(p.payload).msgId)).toEqual(ids);
	});

	it('a link dropped with a message in flight sends it again on the next connection', async () => {
		FakeClient.auto.ack = false;
		await link.start();
		await until('connected', () => clients[0]?.connected === true);
		const m = statusMessage('team-a', 'on_scene', null);
		await link.send(m);
		await until('in flight', () => clients[0].published.length === 1);
		// The phone loses its network: the first client ends without ever acknowledging.
		handlers.get('offline')?.();
		expect(link.state).toBe('offline');
		FakeClient.auto.ack = true;
		handlers.get('online')?.();
		await until('a second client', () => clients[1]?.connected === true);
		await until('the queue empty', async () => (await waitingCount()) === 0);
		expect(clients[1].published.map((p) => JSON.parse(p.payload).msgId)).toEqual([m.msgId]);
		// And what comes next still goes (the pump was not left waiting on the first client).
		await link.send(statusMessage('team-a', 'returning', null));
		await until('the next one', () => clients[1].published.length === 2);
	});

	it('a refused credential stops the link and keeps the queue', async () => {
		await link.send(statusMessage('team-a', 'available', null));
		FakeClient.auto.up = false;
		await link.start();
		await until('connecting', () => clients.length === 1);
		clients[0].emit('error', Object.assign(new Error('Bad username or password'), { code: 4 }));
		expect(link.state).toBe('refused');
		expect(await waitingCount()).toBe(1);
	});
});
