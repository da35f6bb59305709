/**
 * Meshtastic JSON packets written from the firmware's serializer,
 * meshtastic/firmware src/serialization/MeshPacketSerializer.cpp (JsonSerialize): top-level id,
 * timestamp (rx_time), to, from, channel, type, sender, rssi, snr, hops_away, hop_start; payloads
 * of position (latitude_i, longitude_i always; time, altitude, ground_speed, sats_in_view,
 * precision_bits only when non-zero), telemetry (device metrics: battery_level, voltage,
 * channel_utilization, air_util_tx, uptime_seconds), text ({text}, or the text's own JSON),
 * nodeinfo (id, longname, shortname, hardware, role).
 */
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../parse';
import { toPayload } from '../testing';
import { MESHTASTIC_BROADCAST } from './meshtastic';

const NOW = new Date('2026-05-07T03:00:00Z');
const T = NOW.getTime() / 1000 - 30;
const GW1 = 'msh/EU_868/2/json/LongFast/!0badc0de';
const GW2 = 'msh/EU_868/2/json/LongFast/!a0b0c0d0';
const NODE = 0xa1b2c3d4; // !a1b2c3d4

const packet = (type: string, payload: unknown, extra: Record<string, unknown> = {}) => ({
	id: 1690533722,
	timestamp: T,
	to: MESHTASTIC_BROADCAST,
	from: NODE,
	channel: 0,
	type,
	sender: '!0badc0de',
	rssi: -97,
	snr: 5.75,
	hops_away: 1,
	hop_start: 3,
	payload,
	...extra
});
const position = {
	time: T - 5,
	latitude_i: 379105000,
	longitude_i: 697812000,
	altitude: 590,
	ground_speed: 3,
	sats_in_view: 9,
	precision_bits: 32
};

const parse = (body: unknown, topic = GW1) => parseMessage(topic, toPayload(body), NOW);
function ok(body: unknown, topic = GW1) {
	const r = parse(body, topic);
	if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
	if (r.message.family !== 'meshtastic') throw new Error(`family ${r.message.family}`);
	return r.message;
}
function rejected(body: unknown, topic = GW1) {
	const r = parse(body, topic);
	if (r.ok) throw new Error('accepted');
	return r;
}

describe('Meshtastic position', () => {
	it('reads degrees × 1e7, altitude and speed; the node is the sender, placed by its fix time', () => {
		const m = ok(packet('position', position));
		expect(m.sender).toBe('meshtastic:!a1b2c3d4');
		expect(m.msgId).toBe('1690533722');
		expect(m.ts.getTime()).toBe((T - 5) * 1000);
		expect(m.body).toEqual({
			deviceId: 'meshtastic:!a1b2c3d4',
			kind: 'position',
			fix: { lat: 37.9105, lon: 69.7812, altitudeM: 590, speedMps: 3 }
		});
	});

	it('without a fix time takes the gateway receive time, and the ingest clock when that is 0', () => {
		const { time: _t, ...noTime } = position;
		expect(ok(packet('position', noTime)).ts.getTime()).toBe(T * 1000);
		expect(ok(packet('position', noTime, { timestamp: 0 })).ts).toEqual(NOW);
	});

	it('takes latitude or longitude 0, but both 0 is the firmware saying "no fix"', () => {
		expect(ok(packet('position', { latitude_i: 0, longitude_i: 697812000 })).body.fix?.lat).toBe(0);
		expect(ok(packet('position', { latitude_i: 379105000, longitude_i: 0 })).body.fix?.lon).toBe(0);
		const none = rejected(packet('position', { latitude_i: 0, longitude_i: 0 }));
		expect(none).toMatchObject({
			reason: 'no_fix',
			sender: 'meshtastic:!a1b2c3d4',
			msgId: '1690533722'
		});
	});

	it('refuses times in milliseconds (beyond 32 bits) and coordinates out of range', () => {
		expect(rejected(packet('position', { ...position, time: (T - 5) * 1000 })).reason).toBe(
			'schema'
		);
		expect(rejected(packet('position', position, { timestamp: T * 1000 })).reason).toBe('schema');
		expect(rejected(packet('position', { ...position, latitude_i: 950000000 })).detail).toMatch(
			/^payload\.latitude_i/
		);
	});
});

describe('Meshtastic telemetry, text, nodeinfo', () => {
	it('telemetry: battery level (101 is external power) and voltage', () => {
		const metrics = {
			battery_level: 101,
			voltage: 4.2,
			channel_utilization: 3.1,
			air_util_tx: 0.4,
			uptime_seconds: 3600
		};
		expect(ok(packet('telemetry', metrics)).body).toMatchObject({
			kind: 'telemetry',
			batteryPct: 100,
			voltage: 4.2
		});
		expect(ok(packet('telemetry', { voltage: 3.7 })).body.batteryPct).toBeUndefined();
		const env = rejected(packet('telemetry', { temperature: 21.5, relative_humidity: 40 }));
		expect(env.reason).toBe('unsupported');
	});

	it('text to the broadcast address is to everyone; to a node, names it', () => {
		expect(ok(packet('text', { text: 'Road clear to Dangara' })).body).toMatchObject({
			kind: 'text',
			text: 'Road clear to Dangara',
			to: null
		});
		expect(ok(packet('text', { text: 'hi' }, { to: 42 })).body.to).toBe('!0000002a');
	});

	it('a text in the report syntax is a field report; a failed one says why', () => {
		const m = ok(packet('text', { text: 'RPT mudflow 4 37.9142,69.7721 Mud across the road' }));
		expect(m.body.report).toEqual({
			type: 'mudflow',
			severity: 4,
			lat: 37.9142,
			lon: 69.7721,
			title: 'Mud across the road'
		});
		const bad = ok(packet('text', { text: 'RPT lava 9 hot' })).body;
		expect(bad.report).toBeUndefined();
		expect(bad.reportProblem).toContain('unknown type');
	});

	it('a text starting with SOS is an emergency, kept as text; any other text is not', () => {
		const sos = ok(packet('text', { text: 'SOS trapped at bridge' })).body;
		expect(sos).toMatchObject({ kind: 'text', text: 'SOS trapped at bridge', emergency: true });
		expect(ok(packet('text', { text: 'sos' })).body.emergency).toBe(true);
		expect(ok(packet('text', { text: 'Road clear, no SOS' })).body.emergency).toBeUndefined();
	});

	it('a text that was JSON arrives as its own payload, and is kept as text', () => {
		expect(ok(packet('text', { team: 'K1', ok: true })).body.text).toBe('{"team":"K1","ok":true}');
	});

	it('nodeinfo names the node', () => {
		const info = {
			id: '!a1b2c3d4',
			longname: 'Kulob Rescue 1',
			shortname: 'KR1',
			hardware: 43,
			role: 0
		};
		expect(ok(packet('nodeinfo', info)).body).toMatchObject({
			kind: 'names',
			name: 'Kulob Rescue 1',
			shortName: 'KR1'
		});
	});
});

describe('relayed duplicates', () => {
	it('one packet heard by two gateways has the same sender, msgId and fingerprint', () => {
		const a = ok(packet('position', position));
		const b = ok(
			packet('position', position, {
				sender: '!a0b0c0d0',
				rssi: -110,
				snr: -2.5,
				timestamp: T + 2,
				hops_away: 2
			}),
			GW2
		);
		expect([b.sender, b.msgId, b.fingerprint]).toEqual([a.sender, a.msgId, a.fingerprint]);
		const other = ok(packet('position', { ...position, latitude_i: 379200000 }));
		expect(other.fingerprint).not.toBe(a.fingerprint);
	});
});

describe('Meshtastic packets eocwall does not take are dead-lettered with a reason', () => {
	it.each([
		['a traceroute', packet('traceroute', { route: [] }), 'unsupported', 'traceroute'],
		['an undecoded packet', packet('', undefined), 'unsupported', 'could not decode'],
		['no id', { ...packet('text', { text: 'x' }), id: undefined }, 'schema', 'id'],
		['packet id 0', packet('text', { text: 'x' }, { id: 0 }), 'schema', 'id'],
		['from as a string', packet('text', { text: 'x' }, { from: '!a1b2c3d4' }), 'schema', 'from'],
		['a position without coordinates', packet('position', { altitude: 3 }), 'schema', 'latitude_i']
	])('%s', (_what, body, reason, said) => {
		const r = rejected(body);
		expect(r.reason).toBe(reason);
		expect(r.family).toBe('meshtastic');
		expect(r.detail).toContain(said);
	});

	it('a topic that is not a gateway JSON topic', () => {
		for (const topic of [
			'msh/EU_868/2/json/LongFast',
			'msh/EU_868/2/e/LongFast/!0badc0de',
			'msh/EU_868/2/json/LongFast/gw1'
		])
			expect(rejected(packet('text', { text: 'x' }), topic).reason).toBe('unknown_topic');
	});
});
