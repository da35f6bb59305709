/**
 * Whatever arrives on the adapters' topics, parsing never throws and a rejection is well formed
 * (as parse.property.spec.ts holds for the v1 topics); valid messages round-trip their numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DETAIL_CHARS } from '../decode';
import { parseMessage, type ParseResult } from '../parse';
import { toPayload } from '../testing';

const NOW = new Date('2026-05-07T03:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const REASONS = [
	'too_large',
	'not_utf8',
	'not_json',
	'unknown_topic',
	'schema',
	'future_ts',
	'unsupported',
	'no_fix'
];

function expectWellFormed(r: ParseResult): void {
	if (r.ok) {
		expect(['owntracks', 'meshtastic']).toContain(r.message.family);
		expect(r.message.ts.getTime()).not.toBeNaN();
		expect(r.message.sender.length).toBeGreaterThan(0);
		return;
	}
	expect(REASONS).toContain(r.reason);
	expect(r.detail.length).toBeGreaterThan(0);
	expect(r.detail.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
	expect(r.detail).not.toMatch(/\n/);
}

const level = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
const topicArb = fc.oneof(
	fc
		.tuple(
			level,
			level,
			fc.option(fc.constantFrom('event', 'info', 'cmd', 'step', 'waypoints'), { nil: undefined })
		)
		.map(([u, d, s]) => `owntracks/${u}/${d}${s ? `/${s}` : ''}`),
	fc.string().map((s) => `owntracks/${s}`),
	fc.constantFrom('msh/EU_868/2/json/LongFast/!0badc0de', 'msh/US/2/json/PKI/!a1b2c3d4'),
	fc.string().map((s) => `msh/${s}`)
);
const types = fc.constantFrom(
	'location',
	'transition',
	'lwt',
	'card',
	'waypoint',
	'position',
	'telemetry',
	'text',
	'nodeinfo',
	''
);
/** Objects shaped like either format, with any values: the validators' hard cases. */
const lookalike = fc.record(
	{
		_type: types,
		type: types,
		lat: fc.oneof(fc.double(), fc.string()),
		lon: fc.double(),
		tst: fc.oneof(fc.integer(), fc.double(), fc.constant(NOW_S)),
		id: fc.oneof(fc.integer(), fc.string()),
		from: fc.oneof(fc.nat(), fc.string()),
		to: fc.nat(),
		timestamp: fc.oneof(fc.nat(), fc.constant(NOW_S)),
		payload: fc.oneof(
			fc.object(),
			fc.record(
				{ latitude_i: fc.integer(), longitude_i: fc.integer(), text: fc.string() },
				{ requiredKeys: [] }
			)
		)
	},
	{ requiredKeys: [] }
);

describe('any input on an adapter topic: parsing never throws, rejections are well formed', () => {
	it('arbitrary bytes', () => {
		fc.assert(
			fc.property(topicArb, fc.uint8Array({ maxLength: 300 }), (topic, bytes) => {
				expectWellFormed(parseMessage(topic, bytes, NOW));
			})
		);
	});
	it('arbitrary JSON', () => {
		fc.assert(
			fc.property(topicArb, fc.jsonValue(), (topic, json) => {
				expectWellFormed(parseMessage(topic, toPayload(json), NOW));
			})
		);
	});
	it('objects that look like OwnTracks or Meshtastic messages', () => {
		fc.assert(
			fc.property(topicArb, lookalike, (topic, body) => {
				expectWellFormed(parseMessage(topic, toPayload(body), NOW));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('valid messages round-trip', () => {
	const lat = fc.double({ min: -90, max: 90, noNaN: true });
	const lon = fc.double({ min: -180, max: 180, noNaN: true });
	const tst = fc.integer({ min: 946684800, max: NOW_S });

	it('an OwnTracks location keeps lat, lon and tst', () => {
		fc.assert(
			fc.property(lat, lon, tst, (la, lo, t) => {
				const r = parseMessage(
					'owntracks/u/d',
					toPayload({ _type: 'location', lat: la, lon: lo, tst: t }),
					NOW
				);
				if (!r.ok) throw new Error(r.detail);
				expect(r.message.body).toMatchObject({ fix: { lat: la + 0, lon: lo + 0 } });
				expect(r.message.ts.getTime()).toBe(t * 1000);
			})
		);
	});

	it('a Meshtastic position keeps its coordinates to 1e-7 degrees, unless it has no fix', () => {
		const e7 = (max: number) => fc.integer({ min: -max * 1e7, max: max * 1e7 });
		fc.assert(
			fc.property(e7(90), e7(180), fc.integer({ min: 1, max: 0xffffffff }), (la, lo, id) => {
				const body = {
					id,
					from: 0xa1b2c3d4,
					to: 0xffffffff,
					type: 'position',
					timestamp: NOW_S,
					payload: { latitude_i: la, longitude_i: lo }
				};
				const r = parseMessage('msh/EU_868/2/json/LongFast/!0badc0de', toPayload(body), NOW);
				if (la === 0 && lo === 0) {
					// (not `return expect(…)`: fast-check reads a returned false as a failure)
					expect(r).toMatchObject({ ok: false, reason: 'no_fix' });
					return;
				}
				if (!r.ok) throw new Error(r.detail);
				if (r.message.family !== 'meshtastic') throw new Error(r.message.family);
				expect(r.message.body.fix).toMatchObject({ lat: la / 1e7, lon: lo / 1e7 });
				expect(r.message.msgId).toBe(String(id));
			})
		);
	});
});
