import { describe, expect, it } from 'vitest';
import {
	MAX_FUTURE_SKEW_MS,
	MAX_PAYLOAD_BYTES,
	matchTopic,
	parseMessage,
	topicFamilyLabel,
	topics,
	type ParseResult
} from './index';
import {
	squarePolygon,
	toPayload,
	validExtent,
	validPosition,
	validReading,
	validReport,
	validStatus,
	validTasking,
	validUpdate
} from './testing';

const NOW = new Date('2026-05-07T02:10:00Z');
const TS = '2026-05-07T07:09:00+05:00'; // one minute before NOW

function parse(topic: string, body: unknown, now = NOW): ParseResult {
	return parseMessage(topic, toPayload(body), now);
}
function ok(topic: string, body: unknown, now = NOW) {
	const result = parse(topic, body, now);
	if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`);
	return result.message;
}
function rejected(topic: string, body: unknown, now = NOW) {
	const result = parse(topic, body, now);
	if (result.ok) throw new Error(`expected a rejection of ${JSON.stringify(body)}`);
	return result;
}

describe('valid messages, one per family', () => {
	it('position', () => {
		const m = ok(topics.position('kulob-rescue-1'), validPosition({ msgId: 'p1', ts: TS }));
		expect(m).toMatchObject({
			family: 'position',
			teamId: 'kulob-rescue-1',
			sender: 'team:kulob-rescue-1',
			msgId: 'p1',
			exercise: null,
			body: { lat: 37.9105, lon: 69.7812, headingDeg: 135, batteryPct: 76 }
		});
		expect(m.ts.toISOString()).toBe('2026-05-07T02:09:00.000Z');
	});

	it('status, with and without a place', () => {
		const m = ok(topics.status('kr1'), validStatus({ ts: TS, exercise: 'drill-1' }));
		expect(m).toMatchObject({ family: 'status', teamId: 'kr1', sender: 'team:kr1' });
		expect(m.exercise).toBe('drill-1');
		const bare = ok(topics.status('kr1'), validStatus({ ts: TS, lat: undefined, lon: undefined }));
		expect(bare.body).toMatchObject({ status: 'en_route' });
	});

	it('tasking', () => {
		const m = ok(topics.tasking('kulob-excavator-2'), validTasking({ ts: TS }));
		expect(m).toMatchObject({
			family: 'tasking',
			teamId: 'kulob-excavator-2',
			sender: 'team:kulob-excavator-2',
			body: { incidentId: 'inc-kulob-0001', priority: 2 }
		});
	});

	it('incident report from a team and from the public; missing counts default to 0', () => {
		const m = ok(topics.incidentReport(), validReport({ ts: TS, area: squarePolygon() }));
		expect(m).toMatchObject({ family: 'incident_report', sender: 'team:kulob-rescue-1' });
		const pub = ok(
			topics.incidentReport(),
			validReport({ ts: TS, reporter: 'public', casualties: { injured: 2 }, affected: {} })
		);
		expect(pub.sender).toBe('public');
		expect(pub.body).toMatchObject({
			casualties: { dead: 0, injured: 2, missing: 0, trapped: 0 },
			affected: { people: 0, households: 0 }
		});
	});

	it('incident update keeps absent counts absent (a patch)', () => {
		const m = ok(
			topics.incidentUpdate('inc-7'),
			validUpdate({ ts: TS, casualties: { dead: 2 }, status: undefined })
		);
		expect(m).toMatchObject({ family: 'incident_update', incidentId: 'inc-7' });
		expect(m.sender).toBe('incident:inc-7');
		expect(m.body).toMatchObject({ casualties: { dead: 2 } });
		expect(m.family === 'incident_update' && m.body.casualties).toEqual({ dead: 2 });
	});

	it('sensor reading, known and new kinds', () => {
		const m = ok(topics.sensorReading('yakhsu-kulob-wl'), validReading({ ts: TS }));
		expect(m).toMatchObject({
			family: 'sensor_reading',
			sensorId: 'yakhsu-kulob-wl',
			sender: 'sensor:yakhsu-kulob-wl',
			body: { kind: 'water_level_cm', value: 182.5 }
		});
		const soil = ok(
			topics.sensorReading('s1'),
			validReading({ ts: TS, kind: 'soil_moisture_pct' })
		);
		expect(soil.body).toMatchObject({ kind: 'soil_moisture_pct' });
	});

	it('hazard extent, Polygon and MultiPolygon', () => {
		const m = ok(topics.hazardExtent('tebalay-mudflow-1'), validExtent({ ts: TS }));
		expect(m).toMatchObject({
			family: 'hazard_extent',
			hazardId: 'tebalay-mudflow-1',
			sender: 'hazard:tebalay-mudflow-1'
		});
		const multi = {
			type: 'MultiPolygon',
			coordinates: [squarePolygon().coordinates, squarePolygon(69.8, 37.95).coordinates]
		};
		expect(
			ok(topics.hazardExtent('h'), validExtent({ ts: TS, geometry: multi })).body
		).toMatchObject({ geometry: { type: 'MultiPolygon' } });
	});

	it('ignores unknown fields and accepts lat/lon 0', () => {
		const m = ok(topics.position('t'), validPosition({ ts: TS, lat: 0, lon: 0, extra: { a: 1 } }));
		expect(m.body).toMatchObject({ lat: 0, lon: 0 });
		expect(m.body).not.toHaveProperty('extra');
	});
});

describe('timestamps', () => {
	it('epoch milliseconds and offsets parse to the right instant', () => {
		const at = (ts: unknown) => ok(topics.position('t'), validPosition({ ts })).ts.toISOString();
		expect(at(Date.UTC(2026, 4, 7, 2, 0))).toBe('2026-05-07T02:00:00.000Z');
		expect(at('2026-05-07T07:00:00+05:00')).toBe('2026-05-07T02:00:00.000Z');
		expect(at('2026-05-06T21:30:00.250-04:30')).toBe('2026-05-07T02:00:00.250Z');
		expect(at('2026-05-07T02:00:00.123456Z')).toBe('2026-05-07T02:00:00.123Z');
		expect(at('2026-05-07T07:00+0500')).toBe('2026-05-07T02:00:00.000Z');
	});

	it('rejects a string without zone, nonsense dates and non-integer epochs', () => {
		for (const ts of [
			'2026-05-07T02:10:00',
			'2026-02-30T00:00:00Z',
			'2026-05-07T25:00:00Z',
			'NaN',
			'',
			1.5,
			'1778119800000',
			null,
			true
		]) {
			const r = rejected(topics.position('t'), validPosition({ ts }));
			expect(r.reason, String(ts)).toBe('schema');
			expect(r.detail).toMatch(/^ts: /);
		}
	});

	it('rejects ts more than 5 minutes ahead, accepts 4 minutes ahead and any past', () => {
		const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
		const r = rejected(topics.position('t'), validPosition({ msgId: 'f1', ts: ahead(6 * 60_000) }));
		expect(r).toMatchObject({ reason: 'future_ts', msgId: 'f1', sender: 'team:t' });
		expect(r.detail).toContain(ahead(6 * 60_000));
		expect(r.detail).toContain('360 s ahead');
		expect(ok(topics.position('t'), validPosition({ ts: ahead(4 * 60_000) })).ts).toEqual(
			new Date(ahead(4 * 60_000))
		);
		expect(parse(topics.position('t'), validPosition({ ts: ahead(MAX_FUTURE_SKEW_MS) })).ok).toBe(
			true
		);
		expect(parse(topics.position('t'), validPosition({ ts: '2010-05-07T02:00:00Z' })).ok).toBe(
			true
		);
	});
});

describe('rejections', () => {
	it('too_large before anything else', () => {
		const big = new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0xff);
		const r = parseMessage(topics.position('t'), big, NOW);
		expect(r).toMatchObject({
			ok: false,
			reason: 'too_large',
			family: 'position',
			sender: 'team:t'
		});
		const atLimit = parseMessage('nope', new Uint8Array(MAX_PAYLOAD_BYTES + 1), NOW);
		expect(atLimit).toMatchObject({ reason: 'too_large', family: 'unknown', sender: null });
	});

	it('unknown_topic for wrong paths and bad ids', () => {
		for (const topic of [
			'eoc/v1/teams/kr1/pos',
			'eoc/v1/teams/kr1/taskings',
			'eoc/v1/teams/kr1/tasking/extra',
			'eoc/v1/teams//position',
			'eoc/v1/teams/kr 1/position',
			'eoc/v1/teams/kr.1/position',
			'eoc/v1/teams/+/position',
			'eoc/v1/teams/#',
			`eoc/v1/teams/${'a'.repeat(65)}/status`,
			'eoc/v2/teams/kr1/position',
			'/eoc/v1/incidents/report',
			'eoc/v1/incidents/report/',
			'eoc/v1/incidents/inc-1/tasking',
			'owntrack/user/phone',
			''
		]) {
			const r = rejected(topic, validPosition());
			expect(r, topic).toMatchObject({ reason: 'unknown_topic', family: 'unknown' });
			expect(matchTopic(topic)).toBeNull();
			expect(topicFamilyLabel(topic)).toBe('unknown');
		}
	});

	it('not_utf8', () => {
		const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
		expect(parseMessage(topics.status('t'), bytes, NOW)).toMatchObject({
			ok: false,
			reason: 'not_utf8',
			family: 'status',
			msgId: null,
			sender: 'team:t'
		});
	});

	it('not_json, and schema for JSON that is not an object', () => {
		const bad = parseMessage(topics.status('t'), new TextEncoder().encode('{"msgId": "a",'), NOW);
		expect(bad).toMatchObject({ ok: false, reason: 'not_json' });
		for (const v of [[1, 2], 'x', 3, null, true]) {
			const r = rejected(topics.status('t'), v);
			expect(r.reason).toBe('schema');
			expect(r.detail).toMatch(/^payload: expected a JSON object/);
		}
	});

	it('schema: missing field, out of range, broken enum, with readable details', () => {
		const t = topics.position('kr1');
		const missing = rejected(t, validPosition({ msgId: 'm1', lon: undefined }));
		expect(missing).toMatchObject({ reason: 'schema', msgId: 'm1', sender: 'team:kr1' });
		expect(missing.detail).toMatch(/^lon: /);
		expect(rejected(t, validPosition({ lat: 90.5 })).detail).toBe(
			'lat: Too big: expected number to be <=90'
		);
		expect(rejected(t, validPosition({ headingDeg: 360 })).detail).toMatch(/^headingDeg: /);
		expect(rejected(t, validPosition({ batteryPct: 101 })).detail).toMatch(/^batteryPct: /);
		const status = rejected(topics.status('kr1'), validStatus({ status: 'busy' }));
		expect(status.detail).toMatch(/^status: Invalid option/);
		const report = rejected(topics.incidentReport(), validReport({ type: 'tsunami', severity: 6 }));
		expect(report.detail).toMatch(/^type: .*; severity: /);
	});

	it('schema details stop at 3 issues and name nested paths', () => {
		const r = rejected(
			topics.position('t'),
			validPosition({ lat: 'a', lon: 'b', accuracyM: -1, speedMps: -1, batteryPct: 200 })
		);
		expect(r.detail).toMatch(/^lat: .*; lon: .*; accuracyM: .*; \(\+2 more\)$/);
		const ring = [
			[69.7, 37.9],
			[69.8, 37.9],
			[69.8, 38],
			[69.7, 38.1]
		];
		const open = rejected(
			topics.hazardExtent('h'),
			validExtent({ geometry: { type: 'Polygon', coordinates: [ring] } })
		);
		expect(open.detail).toMatch(/^geometry\.coordinates\.0: linear ring is not closed/);
		const far = rejected(
			topics.hazardExtent('h'),
			validExtent({ geometry: squarePolygon(179.999, 37.9, 0.01) })
		);
		expect(far.detail).toMatch(/^geometry\.coordinates\.0\.1\.0: longitude outside/);
	});

	it('schema: per-family rules', () => {
		const cases: [string, Record<string, unknown>, RegExp][] = [
			[topics.status('t'), validStatus({ lon: undefined }), /^lon: lat and lon go together/],
			[topics.status('t'), validStatus({ personnel: 2.5 }), /^personnel: /],
			[topics.status('t'), validStatus({ incidentId: 'a/b' }), /^incidentId: /],
			[topics.tasking('t'), validTasking({ message: 'x'.repeat(1001) }), /^message: /],
			[topics.tasking('t'), validTasking({ priority: 0 }), /^priority: /],
			[topics.incidentReport(), validReport({ reporter: 'a b' }), /^reporter: /],
			[topics.incidentReport(), validReport({ title: '' }), /^title: /],
			[topics.incidentReport(), validReport({ needs: Array(51).fill('x') }), /^needs: /],
			[topics.incidentReport(), validReport({ needs: [''] }), /^needs\.0: /],
			[topics.incidentReport(), validReport({ casualties: { dead: -1 } }), /^casualties\.dead/],
			[topics.incidentReport(), validReport({ area: { type: 'Point' } }), /^area\.type: /],
			[topics.incidentUpdate('i'), { msgId: 'u', ts: TS }, /^update carries no change/],
			[topics.incidentUpdate('i'), { msgId: 'u', ts: TS, casualties: {} }, /^casualties: /],
			[topics.incidentUpdate('i'), validUpdate({ status: 'reported' }), /^status: /],
			[topics.sensorReading('s'), validReading({ kind: 'Water Level' }), /^kind: /],
			[topics.sensorReading('s'), validReading({ value: '12' }), /^value: /],
			[topics.sensorReading('s'), validReading({ unit: 'u'.repeat(33) }), /^unit: /],
			[topics.hazardExtent('h'), validExtent({ depthM: -0.1 }), /^depthM: /],
			[topics.position('t'), validPosition({ msgId: '' }), /^msgId: /],
			[topics.position('t'), validPosition({ exercise: 'drill 1' }), /^exercise: /]
		];
		for (const [topic, body, detail] of cases) {
			const r = rejected(topic, body);
			expect(r.reason, JSON.stringify(body)).toBe('schema');
			expect(r.detail).toMatch(detail);
		}
	});

	it('fills msgId only when it is a valid msgId, sender of a report only from a valid reporter', () => {
		const noId = rejected(topics.position('t'), validPosition({ msgId: 42, lat: 100 }));
		expect(noId).toMatchObject({ msgId: null, sender: 'team:t' });
		const badReporter = rejected(topics.incidentReport(), validReport({ reporter: 'a b' }));
		expect(badReporter.sender).toBeNull();
		const pub = rejected(topics.incidentReport(), validReport({ reporter: 'public', lat: 91 }));
		expect(pub.sender).toBe('public');
	});
});

describe('what PostgreSQL cannot store is a rejection, not a failed commit', () => {
	it('rejects U+0000 and unpaired surrogates anywhere in the text, keys included', () => {
		const cases: [string, string][] = [
			[topics.status('t'), JSON.stringify(validStatus({ note: 'a\u0000b' }))],
			[topics.incidentReport(), JSON.stringify(validReport({ needs: ['ok', 'x\ud800'] }))],
			[topics.position('t'), JSON.stringify(validPosition({ extra: { 'k\udc00': 1 } }))],
			[topics.position('t'), JSON.stringify(validPosition({ msgId: 'm\u0000' }))]
		];
		for (const [topic, text] of cases) {
			const r = parseMessage(topic, Buffer.from(text), NOW);
			expect(r.ok, text).toBe(false);
			if (!r.ok) {
				expect(r.reason).toBe('schema');
				expect(r.detail).toMatch(/NUL character or an unpaired surrogate/);
				expect(r.msgId ?? '').not.toContain(String.fromCharCode(0));
			}
		}
		// a proper surrogate pair (an emoji) is fine
		expect(ok(topics.status('t'), validStatus({ note: 'ok 🚒', ts: TS })).body).toBeDefined();
	});

	it('never lets unstorable text in without a \\u escape (the premise of the fast path)', () => {
		const [head, tail] = JSON.stringify(validStatus({ note: '@' })).split('@');
		const bytes = (...middle: number[]) =>
			Buffer.concat([Buffer.from(head), Buffer.from(middle), Buffer.from(tail)]);
		// a surrogate encoded in UTF-8 (CESU-8 style) is not UTF-8
		expect(parseMessage(topics.status('t'), bytes(0xed, 0xa0, 0x80), NOW)).toMatchObject({
			ok: false,
			reason: 'not_utf8'
		});
		// a raw NUL inside a string is not JSON
		expect(parseMessage(topics.status('t'), bytes(0x61, 0x00, 0x62), NOW)).toMatchObject({
			ok: false,
			reason: 'not_json'
		});
	});

	it('rejects a ts before 2000 (a device clock never set) and counts beyond any event', () => {
		expect(rejected(topics.position('t'), validPosition({ ts: 0 })).detail).toMatch(/clock/);
		expect(
			rejected(topics.position('t'), validPosition({ ts: '1999-12-31T23:59:59Z' })).detail
		).toMatch(/before 2000/);
		expect(
			rejected(topics.status('t'), validStatus({ ts: TS, personnel: 3_000_000_000 })).reason
		).toBe('schema');
	});
});

describe('topics', () => {
	it('builders and matchTopic agree', () => {
		expect(topics.position('a')).toBe('eoc/v1/teams/a/position');
		expect(topics.incidentReport()).toBe('eoc/v1/incidents/report');
		expect(matchTopic(topics.incidentReport())).toEqual({ family: 'incident_report', id: null });
		expect(matchTopic(topics.sensorReading('tebalay-rain'))).toEqual({
			family: 'sensor_reading',
			id: 'tebalay-rain'
		});
		expect(topicFamilyLabel(topics.tasking('x'))).toBe('tasking');
		expect(() => topics.position('a/b')).toThrow(RangeError);
	});
});
