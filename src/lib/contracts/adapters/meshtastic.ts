/**
 * Meshtastic JSON over MQTT: what a gateway node publishes with "JSON output" on, to
 * `msh/{region}/2/json/{channel}/{gatewayId}`. The shape is the firmware's serializer
 * (meshtastic/firmware src/serialization/MeshPacketSerializer.cpp, JsonSerialize): top-level `id`,
 * `timestamp` (rx_time, epoch seconds, 0 when the gateway has no clock), `to`, `from`, `channel`,
 * `type`, `sender` (the gateway's `!id`), optional `rssi`, `snr`, `hops_away`, `hop_start`, and a
 * `payload` per type: `position` (latitude_i/longitude_i in degrees × 1e7, altitude in metres,
 * time, ground_speed m/s; a field equal to 0 is left out, except the coordinates), `telemetry`
 * (battery_level percent, 101 meaning external power; voltage), `text` (`{text}`; a text that is
 * itself JSON becomes the payload as it is), `nodeinfo` (id, longname, shortname, hardware, role).
 * One packet heard by several gateways arrives once from each: the same `from` and `id`.
 */
import { z } from 'zod';
import { formatIssues } from '../decode';
import { deviceKey, type DeviceEvent } from './device';
import { parseFieldReport } from './field-report';
import { isSosText } from './sos';
import { epochSecondsSchema, readAdapter, type AdapterResult, type ReaderResult } from './read';

export const MESHTASTIC_FILTER = 'msh/+/2/json/#';
/** The broadcast address (NODENUM_BROADCAST): a packet to every node. */
export const MESHTASTIC_BROADCAST = 0xffffffff;

/** A node id as Meshtastic writes it (the gateway's in the topic, the registry's ident). */
export const meshtasticNodePattern = /^![0-9a-f]{8}$/;
const GATEWAY = meshtasticNodePattern;
const LEVEL = /^[A-Za-z0-9_-]{1,64}$/;

/** `msh/{region}/2/json/{channel}/{gatewayId}`, or null. */
export function matchMeshtasticTopic(
	topic: string
): { region: string; channel: string; gateway: string } | null {
	const l = topic.split('/');
	if (l.length !== 6 || l[0] !== 'msh' || l[2] !== '2' || l[3] !== 'json') return null;
	if (!LEVEL.test(l[1]) || !LEVEL.test(l[4]) || !GATEWAY.test(l[5])) return null;
	return { region: l[1], channel: l[4], gateway: l[5] };
}

/** Node number → `!a1b2c3d4`, as Meshtastic writes node ids. */
export function nodeId(num: number): string {
	return `!${num.toString(16).padStart(8, '0')}`;
}

const uint32 = z.int().min(0).max(0xffffffff);

const packetSchema = z.object({
	id: uint32.min(1, 'packet id 0 cannot tell packets apart'),
	from: uint32.min(1),
	to: uint32,
	type: z.string().max(40),
	timestamp: uint32.optional(),
	channel: uint32.optional(),
	sender: z.string().max(16).optional(),
	payload: z.unknown().optional()
});

const positionSchema = z.object({
	latitude_i: z.int().min(-900_000_000).max(900_000_000),
	longitude_i: z.int().min(-1_800_000_000).max(1_800_000_000),
	altitude: z.number().optional(),
	time: uint32.optional(),
	ground_speed: z.number().min(0).optional()
});

const telemetrySchema = z.object({
	battery_level: z.number().min(0).optional(),
	voltage: z.number().optional()
});

const nodeinfoSchema = z.object({
	longname: z.string().max(200).optional(),
	shortname: z.string().max(8).optional()
});

export const meshtasticSchemas = {
	packet: packetSchema,
	position: positionSchema,
	telemetry: telemetrySchema,
	nodeinfo: nodeinfoSchema
};

type Packet = z.output<typeof packetSchema>;

const issues = (error: z.ZodError, at: string) =>
	formatIssues(error.issues.map((i) => ({ ...i, path: [at, ...i.path] })));

/** The packet's own time: the sender's fix time, else the gateway's receive time, else now. */
function timeOf(seconds: (number | undefined)[], now: Date): Date | string {
	const s = seconds.find((v) => v !== undefined && v > 0);
	if (s === undefined) return now;
	const t = epochSecondsSchema.safeParse(s);
	return t.success ? t.data : formatIssues(t.error.issues);
}

function event(p: Packet): { body: DeviceEvent; time: (number | undefined)[] } | string {
	const deviceId = deviceKey('meshtastic', nodeId(p.from));
	const payload = p.payload ?? {};
	switch (p.type) {
		case 'position': {
			const r = positionSchema.safeParse(payload);
			if (!r.success) return issues(r.error, 'payload');
			const q = r.data;
			// The firmware writes the coordinates even without a fix: both 0 is no position.
			if (q.latitude_i === 0 && q.longitude_i === 0) return 'no_fix';
			return {
				body: {
					deviceId,
					kind: 'position',
					fix: {
						lat: q.latitude_i / 1e7,
						lon: q.longitude_i / 1e7,
						altitudeM: q.altitude,
						speedMps: q.ground_speed
					}
				},
				time: [q.time, p.timestamp]
			};
		}
		case 'telemetry': {
			const r = telemetrySchema.safeParse(payload);
			if (!r.success) return issues(r.error, 'payload');
			const { battery_level: level, voltage } = r.data;
			if (level === undefined && voltage === undefined) return 'unsupported:telemetry';
			// 101 is the firmware's "on external power".
			const batteryPct = level === undefined ? undefined : Math.min(level, 100);
			return { body: { deviceId, kind: 'telemetry', batteryPct, voltage }, time: [p.timestamp] };
		}
		case 'text': {
			const raw = (payload as { text?: unknown }).text;
			// A text that was JSON is the payload itself (the serializer parses it).
			const text = (typeof raw === 'string' ? raw : JSON.stringify(payload)).slice(0, 1000);
			const report = parseFieldReport(text);
			const to = p.to === MESHTASTIC_BROADCAST ? null : nodeId(p.to);
			return {
				body: {
					deviceId,
					kind: 'text',
					text,
					to,
					...(isSosText(text) ? { emergency: true as const } : {}),
					...(report?.ok ? { report: report.report } : {}),
					...(report && !report.ok ? { reportProblem: report.problem } : {})
				},
				time: [p.timestamp]
			};
		}
		case 'nodeinfo': {
			const r = nodeinfoSchema.safeParse(payload);
			if (!r.success) return issues(r.error, 'payload');
			return {
				body: { deviceId, kind: 'names', name: r.data.longname, shortName: r.data.shortname },
				time: [p.timestamp]
			};
		}
		default:
			return `unsupported:${p.type}`;
	}
}

function read(json: Record<string, unknown>, now: Date): ReaderResult {
	const packet = packetSchema.safeParse(json);
	if (!packet.success) {
		// Traced to its node when `from` at least is readable.
		const from = uint32.min(1).safeParse(json.from);
		const sender = from.success ? deviceKey('meshtastic', nodeId(from.data)) : undefined;
		return { ok: false, reason: 'schema', sender, detail: formatIssues(packet.error.issues) };
	}
	const p = packet.data;
	const msgId = String(p.id);
	const sender = deviceKey('meshtastic', nodeId(p.from));
	const got = event(p);
	if (got === 'no_fix')
		return {
			ok: false,
			reason: 'no_fix',
			msgId,
			sender,
			detail: 'position with latitude_i and longitude_i 0: the node has no fix'
		};
	if (typeof got === 'string' && got.startsWith('unsupported:')) {
		const type = got.slice('unsupported:'.length);
		return {
			ok: false,
			reason: 'unsupported',
			msgId,
			sender,
			detail:
				type === ''
					? 'a packet the gateway could not decode (encrypted for another channel?)'
					: type === 'telemetry'
						? 'telemetry without battery_level or voltage (environment metrics are not taken)'
						: `Meshtastic type "${type}" is not taken: only position, telemetry, text, nodeinfo`
		};
	}
	if (typeof got === 'string') return { ok: false, reason: 'schema', msgId, sender, detail: got };
	const ts = timeOf(got.time, now);
	if (typeof ts === 'string')
		return { ok: false, reason: 'schema', msgId, sender, detail: `time: ${ts}` };
	// Relays differ in rssi, snr, hops, the gateway and its receive time: the packet is the rest.
	const fingerprint = JSON.stringify([p.from, p.to, p.id, p.type, p.payload ?? null]);
	return { ok: true, sender, msgId, ts, fingerprint, body: got.body };
}

/** Null when the topic is not Meshtastic's JSON; else the message's validation. */
export function parseMeshtastic(
	topic: string,
	payload: Uint8Array,
	now: Date
): AdapterResult | null {
	if (!topic.startsWith('msh/')) return null;
	if (!matchMeshtasticTopic(topic))
		return {
			ok: false,
			family: 'meshtastic',
			reason: 'unknown_topic',
			detail: `expected msh/{region}/2/json/{channel}/!{gateway id}, got "${topic.slice(0, 200)}"`,
			msgId: null,
			sender: null
		};
	// The sender is the node in the payload's `from`, not the gateway in the topic.
	return readAdapter('meshtastic', topic, null, payload, now, read);
}
