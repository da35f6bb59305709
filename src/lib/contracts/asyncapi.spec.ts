import { readFileSync } from 'node:fs';
import { Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	ADAPTER_FAMILIES,
	CAP_TOPIC,
	ID_PATTERN,
	isAdapterTopic,
	parseMessage,
	payloadSchemas,
	TOPIC_FAMILIES,
	TOPIC_TEMPLATES,
	type TopicFamily
} from './index';

const DOC_PATH = new URL('../../../docs/mqtt.asyncapi.yaml', import.meta.url);
// Examples carry fixed dates; judge them from a clock after all of them.
const LATER = new Date('2100-01-01T00:00:00Z');
const SEVERITY_ERROR = 0;

type JsonSchema = {
	properties?: Record<string, JsonSchema>;
	required?: string[];
	[keyword: string]: unknown;
};

let document: AsyncAPIDocumentInterface;
const channelOf = new Map<TopicFamily, { address: string; topic: string; id: string }>();
/** The device adapters' channels (docs/interop.md): address → a concrete topic from examples. */
const adapterChannels: { address: string; topic: string; id: string }[] = [];

function familyOf(address: string): TopicFamily | undefined {
	return TOPIC_FAMILIES.find((f) => TOPIC_TEMPLATES[f] === address);
}

/** Adapters: topics of formats of their own (not the JSON v1 envelope), by family. */
const ADAPTERS = { cap_alert: CAP_TOPIC } as const;
const adapterOf = (address: string) =>
	(Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[]).find((f) => ADAPTERS[f] === address);

beforeAll(async () => {
	const text = readFileSync(DOC_PATH, 'utf8');
	// The document has internal $refs only, so the parser reads nothing from the network.
	const parsed = await new Parser().parse(text);
	const errors = parsed.diagnostics.filter((d) => d.severity === SEVERITY_ERROR);
	expect(errors.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`)).toEqual([]);
	expect(parsed.document).toBeDefined();
	document = parsed.document as AsyncAPIDocumentInterface;
	for (const channel of document.channels()) {
		const address = channel.address() ?? '';
		const family = familyOf(address);
		if (!family && !isAdapterTopic(address)) continue;
		let topic = address;
		for (const param of channel.parameters()) {
			const examples = param.json<{ examples?: string[] }>().examples ?? [];
			expect(examples.length, `${address} {${param.id()}} needs an example`).toBeGreaterThan(0);
			topic = topic.replace(`{${param.id()}}`, examples[0]);
		}
		if (family) channelOf.set(family, { address, topic, id: channel.id() });
		else adapterChannels.push({ address, topic, id: channel.id() });
	}
	// Parsing and linting the whole document takes seconds on a busy 2-core machine.
}, 60_000);

describe('docs/mqtt.asyncapi.yaml', () => {
	it('is AsyncAPI 3.0.0 and parses without errors', () => {
		expect(document.version()).toBe('3.0.0');
		expect(document.info().title()).toBe('eocwall MQTT interface');
		expect(document.info().version()).toBe('1.0.0');
		expect(
			document
				.servers()
				.all()
				.map((s) => s.protocol())
		).toContain('mqtt');
	});

	it("has a channel for every topic family, and none outside them and the adapters'", () => {
		expect([...channelOf.keys()].sort()).toEqual([...TOPIC_FAMILIES].sort());
		for (const channel of document.channels()) {
			const address = channel.address() ?? '';
			expect(
				familyOf(address) ?? (isAdapterTopic(address) || adapterOf(address)),
				address
			).toBeTruthy();
		}
	});

	it('states the id pattern of every v1 channel parameter', () => {
		for (const channel of document.channels()) {
			if (isAdapterTopic(channel.address() ?? '')) continue;
			for (const param of channel.parameters()) {
				const json = param.json<Record<string, unknown>>();
				expect(json['x-pattern']).toBe(ID_PATTERN.source);
				for (const example of (json.examples as string[]) ?? [])
					expect(example).toMatch(ID_PATTERN);
			}
		}
	});

	it('receives every device family and sends the taskings and refusals, at QoS 1', () => {
		for (const family of TOPIC_FAMILIES) {
			const { id } = channelOf.get(family)!;
			const ops = document.operations().filter((op) => op.channels().all()[0]?.id() === id);
			expect(ops.length, family).toBe(1);
			const sent = family.endsWith('tasking') || family === 'refused';
			expect(ops[0].action()).toBe(sent ? 'send' : 'receive');
			expect(ops[0].bindings().get('mqtt')?.value()).toMatchObject({ qos: 1 });
		}
	});

	it('every message example is accepted by parseMessage on its channel', () => {
		let count = 0;
		for (const family of TOPIC_FAMILIES) {
			const { id, topic } = channelOf.get(family)!;
			const channel = document.channels().get(id)!;
			const examples = channel
				.messages()
				.all()
				.flatMap((m) => m.examples().all());
			expect(examples.length, `${family} needs an example`).toBeGreaterThan(0);
			for (const example of examples) {
				const payload = example.payload();
				const result = parseMessage(topic, Buffer.from(JSON.stringify(payload)), LATER);
				const why = result.ok ? '' : `${result.reason}: ${result.detail}`;
				expect(result.ok, `${family} example ${example.name()}: ${why}`).toBe(true);
				if (result.ok) expect(result.message.family).toBe(family);
				count++;
			}
		}
		expect(count).toBeGreaterThanOrEqual(TOPIC_FAMILIES.length);
	});

	it("adapter channels: each parameter's examples match its pattern", () => {
		for (const { id } of adapterChannels)
			for (const param of document.channels().get(id)!.parameters()) {
				const json = param.json<{ 'x-pattern'?: string; examples?: string[] }>();
				const pattern = new RegExp(json['x-pattern'] ?? '(missing x-pattern)');
				for (const example of json.examples ?? []) expect(example, param.id()).toMatch(pattern);
			}
	});

	it('every adapter example is accepted by its adapter, received at QoS 1', () => {
		expect(adapterChannels.length).toBeGreaterThanOrEqual(ADAPTER_FAMILIES.length);
		let count = 0;
		for (const { id, topic, address } of adapterChannels) {
			const ops = document.operations().filter((op) => op.channels().all()[0]?.id() === id);
			expect(
				ops.map((op) => op.action()),
				address
			).toEqual(['receive']);
			expect(ops[0].bindings().get('mqtt')?.value()).toMatchObject({ qos: 1 });
			for (const message of document.channels().get(id)!.messages().all())
				for (const example of message.examples().all()) {
					const result = parseMessage(topic, Buffer.from(JSON.stringify(example.payload())), LATER);
					const why = result.ok ? '' : `${result.reason}: ${result.detail}`;
					expect(result.ok, `${address} example ${example.name()}: ${why}`).toBe(true);
					if (result.ok) expect(ADAPTER_FAMILIES).toContain(result.message.family);
					count++;
				}
		}
		expect(count).toBeGreaterThanOrEqual(9);
	});

	it('payload schemas match the validators: properties, required, ranges and enums', () => {
		const KEYWORDS = [
			'enum',
			'minimum',
			'maximum',
			'exclusiveMaximum',
			'minLength',
			'maxLength',
			'minItems',
			'maxItems',
			'pattern'
		];
		for (const family of TOPIC_FAMILIES) {
			const { id } = channelOf.get(family)!;
			const message = document.channels().get(id)!.messages().all()[0];
			const doc = message.payload()!.json<JsonSchema>();
			const zod = z.toJSONSchema(payloadSchemas[family], { io: 'input' }) as JsonSchema;
			expect(Object.keys(doc.properties ?? {}).sort(), family).toEqual(
				Object.keys(zod.properties ?? {}).sort()
			);
			expect([...(doc.required ?? [])].sort(), family).toEqual([...(zod.required ?? [])].sort());
			for (const [key, zodProp] of Object.entries(zod.properties ?? {})) {
				const docProp = doc.properties![key];
				for (const k of KEYWORDS) {
					const v = zodProp[k];
					// zod's int() adds the safe-integer bounds; the document leaves them implicit.
					if (v === undefined || Math.abs(Number(v)) === Number.MAX_SAFE_INTEGER) continue;
					expect(docProp[k], `${family}.${key} ${k}`).toEqual(v);
				}
			}
		}
	});
});

describe('docs/mqtt.asyncapi.yaml: adapters', () => {
	it('every adapter has a channel, received at QoS 1, whose examples parseMessage accepts', () => {
		for (const [family, address] of Object.entries(ADAPTERS)) {
			const channel = document
				.channels()
				.all()
				.find((c) => c.address() === address);
			expect(channel, address).toBeDefined();
			const ops = document
				.operations()
				.filter((op) => op.channels().all()[0]?.id() === channel!.id());
			expect(ops.map((op) => op.action())).toEqual(['receive']);
			expect(ops[0].bindings().get('mqtt')?.value()).toMatchObject({ qos: 1 });
			const examples = channel!
				.messages()
				.all()
				.flatMap((m) => m.examples().all());
			expect(examples.length, `${family} needs an example`).toBeGreaterThan(0);
			for (const example of examples) {
				const payload = example.payload();
				expect(typeof payload, example.name()).toBe('string');
				const result = parseMessage(address, Buffer.from(payload as unknown as string), LATER);
				const why = result.ok ? '' : `${result.reason}: ${result.detail}`;
				expect(result.ok, `${family} example ${example.name()}: ${why}`).toBe(true);
				if (result.ok) expect(result.message.family).toBe(family);
			}
		}
	});
});
