import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ARB_NOW, idArb, messageArb, type GeneratedMessage } from './arbitraries';
import {
	MAX_DETAIL_CHARS,
	parseMessage,
	payloadSchemas,
	TOPIC_FAMILIES,
	type ParseResult,
	type TopicFamily
} from './index';
import { toPayload } from './testing';

const NOW = new Date(ARB_NOW);
const REASONS = ['too_large', 'not_utf8', 'not_json', 'unknown_topic', 'schema', 'future_ts'];

/** Required keys of each family, read from the validators themselves. */
const REQUIRED = Object.fromEntries(
	TOPIC_FAMILIES.map((f) => [f, z.toJSONSchema(payloadSchemas[f], { io: 'input' }).required ?? []])
) as Record<TopicFamily, string[]>;

/** What every result must look like, whatever the input. */
function expectWellFormed(result: ParseResult): void {
	if (result.ok) {
		expect(TOPIC_FAMILIES).toContain(result.message.family);
		expect(result.message.ts.getTime()).not.toBeNaN();
		return;
	}
	expect(REASONS).toContain(result.reason);
	expect(typeof result.detail).toBe('string');
	expect(result.detail.length).toBeGreaterThan(0);
	expect(result.detail.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
	expect(result.detail).not.toMatch(/\n/);
	expect([...TOPIC_FAMILIES, 'unknown']).toContain(result.family);
	expect(result.msgId === null || typeof result.msgId === 'string').toBe(true);
	expect(result.sender === null || typeof result.sender === 'string').toBe(true);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(m: { topic: string }, body: unknown): ParseResult {
	return parseMessage(m.topic, toPayload(body), NOW);
}

const anyFamilyMessage = fc.constantFrom(...TOPIC_FAMILIES).chain(messageArb);

const topicArb = fc.oneof(
	anyFamilyMessage.map((m) => m.topic),
	fc.string(),
	fc.string({ unit: 'binary' }).map((s) => `eoc/v1/${s}`),
	fc
		.tuple(fc.constantFrom('teams', 'incidents', 'sensors', 'hazards'), fc.string(), fc.string())
		.map(([c, id, leaf]) => `eoc/v1/${c}/${id}/${leaf}`)
);

describe('valid payloads parse and round-trip', () => {
	for (const family of TOPIC_FAMILIES) {
		it(family, () => {
			fc.assert(
				fc.property(messageArb(family), (m: GeneratedMessage) => {
					const result = parseJson(m, m.body);
					if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
					const { message } = result;
					// What travelled is the JSON text: compare against its round trip (-0 becomes 0).
					const sent = JSON.parse(JSON.stringify(m.body));
					expect(message.family).toBe(family);
					expect(message.topic).toBe(m.topic);
					expect(message.msgId).toBe(sent.msgId);
					expect(message.ts.getTime()).toBe(m.at);
					expect(message.exercise).toBe(sent.exercise ?? null);
					const { ts: _ts, exercise: _exercise, ...fields } = sent;
					expect(message.body).toMatchObject(fields);
					if (m.id !== null) expect(Object.values(message)).toContain(m.id);
					if (family === 'incident_report') {
						expect(message.sender).toBe(
							sent.reporter === 'public' ? 'public' : `team:${sent.reporter}`
						);
					}
				}),
				{ numRuns: 300 }
			);
		});
	}
});

describe('any input: parseMessage never throws, rejections are well formed', () => {
	it('arbitrary bytes on arbitrary topics', () => {
		fc.assert(
			fc.property(topicArb, fc.uint8Array({ maxLength: 512 }), (topic, bytes) => {
				expectWellFormed(parseMessage(topic, bytes, NOW));
			}),
			{ numRuns: 1000 }
		);
	});

	it('arbitrary JSON values and texts on arbitrary topics', () => {
		fc.assert(
			fc.property(topicArb, fc.oneof(fc.jsonValue(), fc.json()), (topic, value) => {
				expectWellFormed(parseMessage(topic, toPayload(value), NOW));
			}),
			{ numRuns: 1000 }
		);
	});

	it('a required field removed is a schema rejection naming it', () => {
		const arb = anyFamilyMessage.chain((m) =>
			fc.tuple(fc.constant(m), fc.constantFrom(...REQUIRED[m.family]))
		);
		fc.assert(
			fc.property(arb, ([m, key]) => {
				const { [key]: _gone, ...rest } = m.body;
				const result = parseJson(m, rest);
				expectWellFormed(result);
				expect(result).toMatchObject({ ok: false, reason: 'schema' });
				if (!result.ok) expect(result.detail).toContain(key);
			}),
			{ numRuns: 500 }
		);
	});

	it('a number replaced by a string (NaN-ish or not) is a schema rejection', () => {
		const arb = anyFamilyMessage
			.filter((m) => Object.values(m.body).some((v) => typeof v === 'number'))
			.chain((m) =>
				fc.tuple(
					fc.constant(m),
					fc.constantFrom(...Object.keys(m.body).filter((k) => typeof m.body[k] === 'number')),
					fc.oneof(
						fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '', '0x10', ' 1'),
						fc.double().map(String)
					)
				)
			);
		fc.assert(
			fc.property(arb, ([m, key, replacement]) => {
				const result = parseJson(m, { ...m.body, [key]: replacement });
				expectWellFormed(result);
				expect(result).toMatchObject({ ok: false, reason: 'schema' });
			}),
			{ numRuns: 500 }
		);
	});

	it('huge strings and deep nesting, in known or unknown fields', () => {
		const nested = fc
			.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean())
			.map(([depth, arrays]) => {
				let v: unknown = 1;
				for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
				return v;
			});
		const huge = fc.integer({ min: 0, max: 300_000 }).map((n) => 'x'.repeat(n));
		const arb = anyFamilyMessage.chain((m) =>
			fc.tuple(
				fc.constant(m),
				fc.oneof(fc.constantFrom(...Object.keys(m.body)), fc.constant('extra')),
				fc.oneof(nested, huge)
			)
		);
		fc.assert(
			fc.property(arb, ([m, key, value]) => {
				const result = parseJson(m, { ...m.body, [key]: value });
				expectWellFormed(result);
				// An unknown field is ignored as long as the whole stays under the size limit.
				if (key === 'extra' && result.ok === false) expect(result.reason).toBe('too_large');
			}),
			{ numRuns: 300 }
		);
	});

	it('prototype-pollution keys are ignored and pollute nothing', () => {
		const keys = fc.constantFrom(
			'__proto__',
			'constructor',
			'prototype',
			'toString',
			'hasOwnProperty'
		);
		const junk = fc.oneof(
			fc.constant({ polluted: 'yes', isAdmin: true }),
			fc.constant({ prototype: { polluted: 'yes' } }),
			fc.jsonValue()
		);
		fc.assert(
			fc.property(anyFamilyMessage, keys, junk, (m, key, value) => {
				const body = structuredClone(m.body);
				// The top level and every object directly inside it (casualties, geometry, …).
				const targets = [body, ...Object.values(body).filter(isPlainObject)];
				for (const target of targets) {
					// defineProperty makes an own, enumerable `__proto__` key, as JSON.parse does.
					Object.defineProperty(target, key, { value, enumerable: true, writable: true });
				}
				const result = parseJson(m, body);
				expectWellFormed(result);
				if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
				const out = result.message.body as Record<string, unknown>;
				for (const v of [out, ...Object.values(out).filter(isPlainObject)]) {
					expect(Object.hasOwn(v, key)).toBe(false);
				}
				expect(({} as Record<string, unknown>).polluted).toBeUndefined();
				expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
			}),
			{ numRuns: 300 }
		);
	});

	it('ids with characters outside the id pattern never match a topic', () => {
		const badId = fc.oneof(
			fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s)),
			idArb.map((s) => s + 'a'.repeat(64))
		);
		fc.assert(
			fc.property(badId, (id) => {
				const result = parseMessage(`eoc/v1/teams/${id}/position`, toPayload({}), NOW);
				// `a/position` style ids can form another valid topic only with a slash inside.
				if (!id.includes('/')) expect(result).toMatchObject({ ok: false, reason: 'unknown_topic' });
				else expectWellFormed(result);
			}),
			{ numRuns: 500 }
		);
	});
});
