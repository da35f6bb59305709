/**
 * The one entry point of the ingest: topic + raw payload → a typed message or a rejection with a
 * reason for the dead-letter table. It never throws on input (docs/design.md: invalid messages are set
 * aside with their reason and never stop a batch).
 */
import type { z } from 'zod';
import {
	parseAdapterMessage,
	type AdapterFamily,
	type AdapterRejectReason,
	type DeviceEvent
} from './adapters';
import { ID_PATTERN, msgIdSchema } from './common';
import {
	decodeJsonObject,
	MAX_PAYLOAD_BYTES,
	formatIssues,
	oneLine,
	ownString,
	UNSTORABLE_TEXT,
	unstorableText
} from './decode';
import {
	exerciseInjectPayloadSchema,
	exerciseStatePayloadSchema,
	type ExerciseInjectPayload,
	type ExerciseStatePayload
} from './exercises';
import {
	resourceStatusPayloadSchema,
	resourceTaskingPayloadSchema,
	type ResourceStatusPayload,
	type ResourceTaskingPayload
} from './resources';
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
	refusedPayloadSchema,
	statusPayloadSchema,
	taskingAckPayloadSchema,
	taskingPayloadSchema,
	type PositionPayload,
	type RefusedPayload,
	type StatusPayload,
	type TaskingAckPayload,
	type TaskingPayload
} from './teams';
import { matchTopic, type TopicFamily, type TopicMatch } from './topics';
import { parseCapMessage, CAP_TOPIC, type CapAlertMessage } from './cap/message';

import { MAX_FUTURE_SKEW_MS } from './clock';
export { MAX_FUTURE_SKEW_MS };

export type RejectReason =
	| 'too_large'
	| 'not_utf8'
	| 'not_json'
	| 'unknown_topic'
	| 'schema'
	| 'future_ts'
	| AdapterRejectReason
	// XML adapters (CAP): malformed XML, or a DOCTYPE
	| 'not_xml';

/** The validators by family: what the ingest, the simulators and the AsyncAPI test share. */
export const payloadSchemas = {
	position: positionPayloadSchema,
	status: statusPayloadSchema,
	tasking: taskingPayloadSchema,
	tasking_ack: taskingAckPayloadSchema,
	incident_report: incidentReportPayloadSchema,
	incident_update: incidentUpdatePayloadSchema,
	sensor_reading: sensorReadingPayloadSchema,
	hazard_extent: hazardExtentPayloadSchema,
	exercise_state: exerciseStatePayloadSchema,
	exercise_inject: exerciseInjectPayloadSchema,
	resource_status: resourceStatusPayloadSchema,
	resource_tasking: resourceTaskingPayloadSchema,
	refused: refusedPayloadSchema
} as const satisfies Record<TopicFamily, z.ZodType>;

interface Envelope {
	topic: string;
	/** Dedup key, first half: msgId is unique per sender. */
	sender: string;
	msgId: string;
	ts: Date;
	exercise: string | null;
	/**
	 * What makes two deliveries the same message when their bytes may differ (a Meshtastic packet
	 * relayed by several gateways); absent: the payload bytes do.
	 */
	fingerprint?: string;
}

export type ParsedMessage =
	| (Envelope & { family: 'position'; teamId: string; body: PositionPayload })
	| (Envelope & { family: 'status'; teamId: string; body: StatusPayload })
	| (Envelope & { family: 'tasking'; teamId: string; body: TaskingPayload })
	| (Envelope & { family: 'tasking_ack'; teamId: string; body: TaskingAckPayload })
	| (Envelope & { family: 'refused'; teamId: string; body: RefusedPayload })
	| (Envelope & { family: 'incident_report'; body: IncidentReportPayload })
	| (Envelope & { family: 'incident_update'; incidentId: string; body: IncidentUpdatePayload })
	| (Envelope & { family: 'sensor_reading'; sensorId: string; body: SensorReadingPayload })
	| (Envelope & { family: 'hazard_extent'; hazardId: string; body: HazardExtentPayload })
	| (Envelope & { family: AdapterFamily; body: DeviceEvent })
	| (Envelope & { family: 'exercise_state'; exerciseId: string; body: ExerciseStatePayload })
	| (Envelope & { family: 'exercise_inject'; exerciseId: string; body: ExerciseInjectPayload })
	| (Envelope & { family: 'resource_status'; resourceId: string; body: ResourceStatusPayload })
	| (Envelope & { family: 'resource_tasking'; resourceId: string; body: ResourceTaskingPayload })
	| CapAlertMessage;

export type ParseResult =
	| { ok: true; message: ParsedMessage }
	| {
			ok: false;
			family: TopicFamily | AdapterFamily | 'cap_alert' | 'unknown';
			reason: RejectReason;
			detail: string;
			msgId: string | null;
			sender: string | null;
	  };
export type ParseRejection = Extract<ParseResult, { ok: false }>;

/** The sender of a message (the first half of its dedup key), from its topic and reporter. */
export function senderOf(match: TopicMatch, reporter: string | null): string | null {
	switch (match.family) {
		case 'position':
		case 'status':
		case 'tasking':
		case 'tasking_ack':
		case 'refused':
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
		case 'resource_status':
		case 'resource_tasking':
			return `resource:${match.id}`;
	}
}

const ID_KEY = {
	position: 'teamId',
	status: 'teamId',
	tasking: 'teamId',
	tasking_ack: 'teamId',
	incident_report: null,
	incident_update: 'incidentId',
	sensor_reading: 'sensorId',
	hazard_extent: 'hazardId',
	exercise_state: 'exerciseId',
	exercise_inject: 'exerciseId',
	resource_status: 'resourceId',
	resource_tasking: 'resourceId',
	refused: 'teamId'
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
	// Adapters for formats of their own (not the JSON v1 envelope) are matched first.
	if (topic === CAP_TOPIC) return parseCapMessage(topic, payload, now);
	// OwnTracks and Meshtastic speak their own formats on their own topics (adapters/).
	const adapted = parseAdapterMessage(topic, payload, now);
	if (adapted) return adapted;
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

	const decoded = decodeJsonObject(payload, { checkText: false });
	if (!decoded.ok) return reject(decoded.reason, decoded.detail);
	const json = decoded.json;

	// Read what identifies the message before validating, so even a rejection can be traced.
	const rawMsgId = ownString(json, 'msgId');
	const storable = (v: string | null) => (v !== null && !UNSTORABLE_TEXT.test(v) ? v : null);
	msgId = storable(rawMsgId) !== null && msgIdSchema.safeParse(rawMsgId).success ? rawMsgId : null;
	sender = senderOf(match, storable(ownString(json, 'reporter')));

	const bad = decoded.escaped ? unstorableText(json) : null;
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
