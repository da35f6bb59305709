import { describe, expect, it } from 'vitest';
import { pubackWriter } from './source';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('pubackWriter', () => {
	it('writes the PUBACKs queued in one task at its end, in order, in one write', async () => {
		const writes: Buffer[] = [];
		const w = pubackWriter(
			() => 1,
			() => true,
			(b) => writes.push(b)
		);
		for (const id of [1, 258, 65535]) w.add(1, id);
		expect(writes).toEqual([]); // not before the task ends
		await tick();
		expect(writes).toHaveLength(1);
		// PUBACK: type 4 (0x40), remaining length 2, packet id big-endian [MQTT-3.4]
		expect([...writes[0]]).toEqual([0x40, 2, 0, 1, 0x40, 2, 1, 2, 0x40, 2, 0xff, 0xff]);
		w.add(1, 7);
		await tick();
		expect(writes).toHaveLength(2);
	});

	it('drops the acks of a connection that has gone, never sending them on the next', async () => {
		const writes: Buffer[] = [];
		let gen = 1;
		let connected = true;
		const w = pubackWriter(
			() => gen,
			() => connected,
			(b) => writes.push(b)
		);
		w.add(1, 5);
		gen = 2; // reconnected before the flush: id 5 may name another message now
		await tick();
		w.add(2, 6);
		connected = false;
		await tick();
		expect(writes).toEqual([]);
		connected = true;
		w.add(2, 8);
		await tick();
		expect([...writes[0]]).toEqual([0x40, 2, 0, 8]);
	});
});
