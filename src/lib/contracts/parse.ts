/**
 * The one entry point of the ingest: topic + raw payload → a typed message or a rejection with a
 * reason for the dead-letter table. It never throws on input (DESIGN.md: invalid messages are set
 * aside with their reason and never stop a batch).
 */
import type { z } from 'zod';
import { ID_PATTERN, msgIdSchema } from './common';
import {
	exerciseInjectPayloadSchema,
	exerciseStatePayloadSchema,
	type ExerciseInjectPayload,
	type ExerciseStatePayload
} from './exercises';
import { hazardExtentPayloadSchema, type HazardExtentPayload } from './hazards';
import {
	incidentReportPayloadSchema,
	incidentUpdatePayloadSchema,
	PUBLIC_REPORTER,
	type IncidentReportPayload,
	type IncidentUpdatePayload
} from './incidents';
import { sensorReadingPayloadSchema, type SensorReadingPayload } from './sensors';
import {
	positionPayloadSchema,
	statusPayloadSchema,
	taskingPayloadSchema,
	type PositionPayload,
	type StatusPayload,
	type TaskingPayload
} from './teams';
import { matchTopic, type TopicFamily, type TopicMatch } from './topics';

/** DESIGN.md: "JSON, UTF-8, at most 256 KiB". */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** A `ts` further ahead than this is a skewed device clock, not an event (STYLE.md, ingest). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
const MAX_ISSUES = 3;
/** Details are stored and shown: one line, at most this long. */
export const MAX_DETAIL_CHARS = 500;

export type RejectReason =
	'too_large' | 'not_utf8' | 'not_json' | 'unknown_topic' | 'schema' | 'future_ts';

/** The validators by family: what the ingest, the simulators and the AsyncAPI test share. */
export const payloadSchemas = {
	position: positionPayloadSchema,
	status: statusPayloadSchema,
	tasking: taskingPayloadSchema,
	incident_report: incidentReportPayloadSchema,
	incident_update: incidentUpdatePayloadSchema,
	sensor_reading: sensorReadingPayloadSchema,
	hazard_extent: hazardExtentPayloadSchema,
	exercise_state: exerciseStatePayloadSchema,
	exercise_inject: exerciseInjectPayloadSchema
} as const satisfies Record<TopicFamily, z.ZodType>;

interface Envelope {
	topic: string;
	/** Dedup key, first half: msgId is unique per sender. */
	sender: string;
	msgId: string;
	ts: Date;
	exercise: string | null;
}

export type ParsedMessage =
	| (Envelope & { family: 'position'; teamId: string; body: PositionPayload })
	| (Envelope & { family: 'status'; teamId: string; body: StatusPayload })
	| (Envelope & { family: 'tasking'; teamId: string; body: TaskingPayload })
	| (Envelope & { family: 'incident_report'; body: IncidentReportPayload })
	| (Envelope & { family: 'incident_update'; incidentId: string; body: IncidentUpdatePayload })
	| (Envelope & { family: 'sensor_reading'; sensorId: string; body: SensorReadingPayload })
	| (Envelope & { family: 'hazard_extent'; hazardId: string; body: HazardExtentPayload })
	| (Envelope & { family: 'exercise_state'; exerciseId: string; body: ExerciseStatePayload })
	| (Envelope & { family: 'exercise_inject'; exerciseId: string; body: ExerciseInjectPayload });

export type ParseResult =
	| { ok: true; message: ParsedMessage }
	| {
			ok: false;
			family: TopicFamily | 'unknown';
			reason: RejectReason;
			detail: string;
			msgId: string | null;
			sender: string | null;
	  };
export type ParseRejection = Extract<ParseResult, { ok: false }>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One line, bounded: details land in a table and on a page. */
function oneLine(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS - 1)}…` : flat;
}

/** `lat: Too big: expected number to be <=90; …` from at most MAX_ISSUES zod issues. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
	const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
		const path = issue.path.map(String).join('.');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
	if (issues.length > MAX_ISSUES) parts.push(`(+${issues.length - MAX_ISSUES} more)`);
	return oneLine(parts.join('; ')) || 'invalid payload';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// U+0000 and unpaired surrogates are legal in JSON (as \u0000, \ud800) but PostgreSQL text and
// jsonb cannot hold them: caught here, they are a rejection with a reason, not a failed commit.
export const UNSTORABLE_TEXT =
	// eslint-disable-next-line no-control-regex
	/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (key or value) PostgreSQL could not store, or null. */
export function unstorableText(value: unknown, path = 'payload', depth = 0): string | null {
	if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? path : null;
	if (depth > 64 || typeof value !== 'object' || value === null) return null;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = unstorableText(value[i], `${path}[${i}]`, depth + 1);
			if (found) return found;
		}
		return null;
	}
	for (const [key, v] of Object.entries(value)) {
		if (UNSTORABLE_TEXT.test(key)) return `${path} (a key)`;
		const found = unstorableText(v, path === 'payload' ? key : `${path}.${key}`, depth + 1);
		if (found) return found;
	}
	return null;
}

/** Own string field, or null: never read through the prototype of untrusted input. */
function ownString(obj: unknown, key: string): string | null {
	if (!isRecord(obj) || !Object.hasOwn(obj, key)) return null;
	const value = obj[key];
	return typeof value === 'string' ? value : null;
}

/** The sender of a message (the first half of its dedup key), from its topic and reporter. */
export function senderOf(match: TopicMatch, reporter: string | null): string | null {
	switch (match.family) {
		case 'position':
		case 'status':
		case 'tasking':
			return `team:${match.id}`;
		case 'incident_report':
			if (reporter === null || !ID_PATTERN.test(reporter)) return null;
			return reporter === PUBLIC_REPORTER ? PUBLIC_REPORTER : `team:${reporter}`;
		case 'incident_update':
			return `incident:${match.id}`;
		case 'sensor_reading':
			return `sensor:${match.id}`;
		case 'hazard_extent':
			return `hazard:${match.id}`;
		case 'exercise_state':
		case 'exercise_inject':
			return `exercise:${match.id}`;
	}
}

const ID_KEY = {
	position: 'teamId',
	status: 'teamId',
	tasking: 'teamId',
	incident_report: null,
	incident_update: 'incidentId',
	sensor_reading: 'sensorId',
	hazard_extent: 'hazardId',
	exercise_state: 'exerciseId',
	exercise_inject: 'exerciseId'
} as const satisfies Record<TopicFamily, string | null>;

/**
 * Parses and validates one MQTT message. Checks run in this order: size, topic, UTF-8, JSON,
 * schema, future timestamp. `now` is the ingest's clock (injectable for tests).
 */
export function parseMessage(
	topic: string,
	payload: Uint8Array,
	now: Date = new Date()
): ParseResult {
	const match = matchTopic(topic);
	const family = match?.family ?? 'unknown';
	let msgId: string | null = null;
	let sender: string | null =
		match && match.family !== 'incident_report' ? senderOf(match, null) : null;
	const reject = (reason: RejectReason, detail: string): ParseResult => ({
		ok: false,
		family,
		reason,
		detail: oneLine(detail) || reason,
		msgId,
		sender
	});

	if (payload.byteLength > MAX_PAYLOAD_BYTES)
		return reject(
			'too_large',
			`payload is ${payload.byteLength} bytes, limit ${MAX_PAYLOAD_BYTES}`
		);
	if (!match) return reject('unknown_topic', `no v1 topic matches "${topic.slice(0, 200)}"`);

	let text: string;
	try {
		text = utf8.decode(payload);
	} catch {
		return reject('not_utf8', 'payload is not valid UTF-8');
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return reject(
			'not_json',
			`not JSON: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	if (!isRecord(json)) {
		const got = json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json;
		return reject('schema', `payload: expected a JSON object, got ${got}`);
	}

	// Read what identifies the message before validating, so even a rejection can be traced.
	const rawMsgId = ownString(json, 'msgId');
	const storable = (v: string | null) => (v !== null && !UNSTORABLE_TEXT.test(v) ? v : null);
	msgId = storable(rawMsgId) !== null && msgIdSchema.safeParse(rawMsgId).success ? rawMsgId : null;
	sender = senderOf(match, storable(ownString(json, 'reporter')));

	const bad = unstorableText(json);
	if (bad) {
		return reject('schema', `${bad}: text holds a NUL character or an unpaired surrogate`);
	}

	const result = payloadSchemas[match.family].safeParse(json);
	if (!result.success) return reject('schema', formatIssues(result.error.issues));
	const body = result.data;
	// An exercise topic names its exercise twice (topic and payload): they must agree.
	if (ID_KEY[match.family] === 'exerciseId' && body.exercise !== match.id)
		return reject('schema', `exercise: expected "${match.id}" (the id in the topic)`);

	const skewMs = body.ts.getTime() - now.getTime();
	if (skewMs > MAX_FUTURE_SKEW_MS)
		return reject(
			'future_ts',
			`ts ${body.ts.toISOString()} is ${Math.round(skewMs / 1000)} s ahead of now ` +
				`${now.toISOString()} (limit ${MAX_FUTURE_SKEW_MS / 1000} s)`
		);

	const idKey = ID_KEY[match.family];
	// The cast joins what the switch-free code cannot prove: family, id key and body come from
	// the same entry of payloadSchemas / ID_KEY.
	const message = {
		family: match.family,
		topic,
		...(idKey ? { [idKey]: match.id } : {}),
		sender: sender as string,
		msgId: body.msgId,
		ts: body.ts,
		exercise: body.exercise,
		body
	} as ParsedMessage;
	return { ok: true, message };
}
