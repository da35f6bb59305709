/**
 * OwnTracks messages written from the booklet's JSON page (https://owntracks.org/booklet/tech/json/):
 * `_type: location` (lat, lon, tst required; acc, alt, batt, cog, vel km/h, tid optional, and
 * fields eocwall ignores such as t, vac, conn, bs, m), `transition` on .../event (wtst, event
 * enter|leave, desc, t), `lwt` (tst: when the app connected), `card` on .../info (name, face, tid).
 */
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../decode';
import { parseMessage } from '../parse';
import { toPayload } from '../testing';

const NOW = new Date('2026-05-07T03:00:00Z');
const TST = NOW.getTime() / 1000 - 60;
const TOPIC = 'owntracks/alice/phone';

const parse = (body: unknown, topic = TOPIC) => parseMessage(topic, toPayload(body), NOW);
function ok(body: unknown, topic = TOPIC) {
	const r = parse(body, topic);
	if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
	if (r.message.family !== 'owntracks') throw new Error(`family ${r.message.family}`);
	return r.message;
}
function rejected(body: unknown, topic = TOPIC) {
	const r = parse(body, topic);
	if (r.ok) throw new Error('accepted');
	return r;
}

/** As the Android app sends it (booklet fields), with the ones eocwall ignores. */
const location = {
	_type: 'location',
	acc: 12,
	alt: 590,
	batt: 76,
	bs: 1,
	cog: 270,
	conn: 'm',
	lat: 37.9105,
	lon: 69.7812,
	t: 'u',
	tid: 'K1',
	tst: TST,
	vac: 4,
	vel: 54
};

describe('OwnTracks location', () => {
	it('reads every field in eocwall units: vel km/h to m/s, cog to heading, tst seconds', () => {
		const m = ok(location);
		expect(m.sender).toBe('owntracks:alice/phone');
		expect(m.msgId).toBe(`location:${TST}`);
		expect(m.ts.getTime()).toBe(TST * 1000);
		expect(m.body).toEqual({
			deviceId: 'owntracks:alice/phone',
			kind: 'position',
			fix: {
				lat: 37.9105,
				lon: 69.7812,
				accuracyM: 12,
				altitudeM: 590,
				speedMps: 15,
				headingDeg: 270
			},
			batteryPct: 76,
			shortName: 'K1'
		});
	});

	it('takes a location with only the required fields, and latitude or longitude 0', () => {
		const m = ok({ _type: 'location', lat: 0, lon: 69.78, tst: TST });
		expect(m.body.fix).toMatchObject({ lat: 0, lon: 69.78 });
		expect(m.body.fix?.speedMps).toBeUndefined();
		expect(m.body.batteryPct).toBeUndefined();
		expect(ok({ _type: 'location', lat: 37.9, lon: 0, tst: TST }).body.fix?.lon).toBe(0);
	});

	it('reads iOS sentinels (-1 for an unknown course or speed) as absent', () => {
		const m = ok({ ...location, cog: -1, vel: -1, acc: -1 });
		expect(m.body.fix?.headingDeg).toBeUndefined();
		expect(m.body.fix?.speedMps).toBeUndefined();
		expect(m.body.fix?.accuracyM).toBeUndefined();
	});

	it('refuses tst in milliseconds, before 2000, or ahead of the clock', () => {
		const millis = rejected({ ...location, tst: TST * 1000 });
		expect(millis).toMatchObject({ reason: 'schema', sender: 'owntracks:alice/phone' });
		expect(millis.detail).toContain('milliseconds');
		expect(rejected({ ...location, tst: 0 }).detail).toContain('before 2000');
		expect(rejected({ ...location, tst: TST + 3600 }).reason).toBe('future_ts');
	});

	it('dead-letters a location without lat, or with lat out of range, naming the field', () => {
		const { lat: _lat, ...noLat } = location;
		expect(rejected(noLat)).toMatchObject({ reason: 'schema', family: 'owntracks' });
		expect(rejected(noLat).detail).toMatch(/^lat:/);
		expect(rejected({ ...location, lat: 91 }).detail).toMatch(/^lat:/);
		expect(rejected({ ...location, batt: 140 }).detail).toMatch(/^batt:/);
	});
});

describe('OwnTracks transition, lwt, card', () => {
	it('a transition on .../event is an event with its place', () => {
		const m = ok(
			{
				_type: 'transition',
				wtst: TST - 900,
				lat: 37.91,
				lon: 69.78,
				tst: TST,
				acc: 30,
				tid: 'K1',
				event: 'enter',
				desc: 'Kulob base',
				t: 'c'
			},
			`${TOPIC}/event`
		);
		expect(m.msgId).toBe(`transition:${TST}:enter`);
		expect(m.body).toMatchObject({
			kind: 'transition',
			transition: 'enter',
			text: 'Kulob base',
			fix: { lat: 37.91, lon: 69.78 }
		});
	});

	it('an lwt marks the device offline now: its tst is when the app connected', () => {
		const m = ok({ _type: 'lwt', tst: TST - 3600 });
		expect(m.body.kind).toBe('offline');
		expect(m.ts).toEqual(NOW);
		expect(m.msgId).toBe(`lwt:${TST - 3600}`);
	});

	it('a card on .../info names the device; the same card twice has the same msgId', () => {
		const card = { _type: 'card', name: 'Rescue Kulob 1', tid: 'K1', face: 'iVBORw0KGgo=' };
		const m = ok(card, `${TOPIC}/info`);
		expect(m.body).toMatchObject({ kind: 'names', name: 'Rescue Kulob 1', shortName: 'K1' });
		expect(ok(card, `${TOPIC}/info`).msgId).toBe(m.msgId);
		expect(ok({ ...card, name: 'Other' }, `${TOPIC}/info`).msgId).not.toBe(m.msgId);
	});
});

describe('OwnTracks messages eocwall does not take are dead-lettered with a reason', () => {
	it.each([
		['a waypoint list', TOPIC, { _type: 'waypoints', waypoints: [] }, 'unsupported', 'waypoints'],
		[
			'remote commands',
			`${TOPIC}/cmd`,
			{ _type: 'cmd', action: 'reportLocation' },
			'unsupported',
			'remote commands'
		],
		['the step counter', `${TOPIC}/step`, { _type: 'steps', steps: 3 }, 'unsupported', 'step'],
		['a location on .../info', `${TOPIC}/info`, location, 'unsupported', 'card'],
		[
			'an encrypted payload',
			TOPIC,
			{ _type: 'encrypted', data: 'xx' },
			'unsupported',
			'encryption'
		],
		['no _type', TOPIC, { lat: 1, lon: 2, tst: TST }, 'schema', '_type'],
		[
			'a topic without a device',
			'owntracks/alice',
			location,
			'unknown_topic',
			'owntracks/{user}/{device}'
		],
		['a topic too deep', `${TOPIC}/event/x`, location, 'unknown_topic', 'owntracks/{user}/{device}']
	])('%s', (_what, topic, body, reason, said) => {
		const r = rejected(body, topic);
		expect(r.reason).toBe(reason);
		expect(r.family).toBe('owntracks');
		expect(r.detail).toContain(said);
	});

	it('not JSON, not UTF-8, not an object, too large', () => {
		const raw = (bytes: Uint8Array) => parseMessage(TOPIC, bytes, NOW);
		expect(raw(new TextEncoder().encode('{"_type":'))).toMatchObject({
			ok: false,
			reason: 'not_json'
		});
		expect(raw(new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: 'not_utf8' });
		expect(raw(toPayload([location]))).toMatchObject({ ok: false, reason: 'schema' });
		expect(raw(new Uint8Array(MAX_PAYLOAD_BYTES + 1))).toMatchObject({
			ok: false,
			reason: 'too_large'
		});
	});
});
