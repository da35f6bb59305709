/**
 * fast-check arbitraries of valid MQTT v1 messages, built from the ranges of docs/design.md
 * "MQTT interface (v1)". Used by the property tests; simulators' tests may use them too.
 */
import fc from 'fast-check';
import { MAX_COUNT } from './common';
import { EXERCISE_STATUSES, EXPECTED_ACTION_KINDS, INJECT_TYPES } from './exercises';
import { KNOWN_HAZARD_KINDS } from './hazards';
import { INCIDENT_TYPES, INCIDENT_UPDATE_STATUSES } from './incidents';
import { KNOWN_SENSOR_KINDS } from './sensors';
import { TEAM_STATUSES } from './teams';
import { REQUEST_PRIORITIES, RESOURCE_STATUSES } from './resources';
import { topics, type TopicFamily } from './topics';

type Json = Record<string, unknown>;

/** A generated message: its topic, JSON body, the id in the topic and the instant `ts` means. */
export interface GeneratedMessage {
	family: TopicFamily;
	topic: string;
	id: string | null;
	body: Json;
	at: number;
}

/** The latest instant generated timestamps reach; parse with `now` at or after it. */
export const ARB_NOW = Date.UTC(2026, 4, 7, 2, 10);
const ARB_MIN = Date.UTC(2000, 0, 1);

export const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const kindArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,63}$/);
/** Up to `max` UTF-16 units: a code point takes at most two. */
// Any code point but NUL, which no PostgreSQL text can hold (the validators reject it).
const text = (min: number, max: number) =>
	fc
		.string({ unit: 'binary', minLength: min, maxLength: Math.floor(max / 2) })
		.map((s) => s.replaceAll('\u0000', ' '));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });
const latArb = fc.double({ min: -90, max: 90, noNaN: true });
const lonArb = fc.double({ min: -180, max: 180, noNaN: true });
const countArb = fc.nat({ max: MAX_COUNT });
const levelArb = fc.integer({ min: 1, max: 5 });

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** `ts` as ISO with Z, as ISO with an offset, or as epoch ms; `at` is the instant it denotes. */
export const tsArb: fc.Arbitrary<{ ts: string | number; at: number }> = fc
	.tuple(
		fc.integer({ min: ARB_MIN, max: ARB_NOW }),
		fc.constantFrom('z', 'offset', 'epoch'),
		fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })
	)
	.map(([at, form, offsetMin]) => {
		if (form === 'epoch') return { ts: at, at };
		if (form === 'z') return { ts: new Date(at).toISOString(), at };
		const local = new Date(at + offsetMin * 60_000).toISOString().slice(0, -1);
		const abs = Math.abs(offsetMin);
		const sign = offsetMin < 0 ? '-' : '+';
		return { ts: `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, at };
	});

const geoPosition = fc.oneof(fc.tuple(lonArb, latArb), fc.tuple(lonArb, latArb, finite));
const ring = fc
	.array(geoPosition, { minLength: 3, maxLength: 8 })
	.map((ps) => [...ps, [...ps[0]]] as number[][]);
const polygonCoords = fc.array(ring, { minLength: 1, maxLength: 3 });
export const areaArb = fc.oneof(
	polygonCoords.map((coordinates) => ({ type: 'Polygon', coordinates })),
	fc
		.array(polygonCoords, { minLength: 1, maxLength: 3 })
		.map((coordinates) => ({ type: 'MultiPolygon', coordinates }))
);

const casualtiesArb = fc.record(
	{ dead: countArb, injured: countArb, missing: countArb, trapped: countArb },
	{ requiredKeys: [] }
);
const affectedArb = fc.record({ people: countArb, households: countArb }, { requiredKeys: [] });
const nonEmpty = (o: object) => Object.keys(o).length > 0;

const bodies: Record<TopicFamily, fc.Arbitrary<Json>> = {
	position: fc.record(
		{
			lat: latArb,
			lon: lonArb,
			accuracyM: nonNegative,
			speedMps: nonNegative,
			headingDeg: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
			altitudeM: finite,
			batteryPct: fc.double({ min: 0, max: 100, noNaN: true })
		},
		{ requiredKeys: ['lat', 'lon'] }
	),
	status: fc
		.tuple(
			fc.record(
				{
					status: fc.constantFrom(...TEAM_STATUSES),
					incidentId: idArb,
					personnel: countArb,
					note: text(0, 1000)
				},
				{ requiredKeys: ['status'] }
			),
			fc.option(fc.record({ lat: latArb, lon: lonArb }), { nil: undefined })
		)
		.map(([s, place]) => ({ ...s, ...place })),
	tasking: fc.record(
		{
			incidentId: idArb,
			message: text(0, 1000),
			priority: levelArb,
			incident: fc.record(
				{
					title: text(0, 200),
					type: fc.constantFrom(...INCIDENT_TYPES),
					severity: levelArb,
					lat: latArb,
					lon: lonArb,
					place: text(0, 200)
				},
				{ requiredKeys: ['title', 'type', 'severity', 'lat', 'lon'] }
			)
		},
		{ requiredKeys: ['incidentId', 'message'] }
	),
	refused: fc.record(
		{
			refusedMsgId: text(1, 128),
			topic: text(0, 1000),
			reason: text(1, 64),
			detail: text(0, 500)
		},
		{ requiredKeys: ['topic', 'reason', 'detail'] }
	),
	tasking_ack: fc.oneof(
		fc.record(
			{ taskingId: text(1, 128), answer: fc.constant('accepted'), note: text(0, 1000) },
			{ requiredKeys: ['taskingId', 'answer'] }
		),
		fc.record(
			{
				taskingId: text(1, 128),
				answer: fc.constant('declined'),
				reason: text(1, 500).filter((r) => /\S/.test(r)),
				note: text(0, 1000)
			},
			{ requiredKeys: ['taskingId', 'answer', 'reason'] }
		)
	),
	incident_report: fc.record(
		{
			reporter: fc.oneof(idArb, fc.constant('public')),
			type: fc.constantFrom(...INCIDENT_TYPES),
			severity: levelArb,
			lat: latArb,
			lon: lonArb,
			title: text(1, 200),
			area: areaArb,
			description: text(0, 5000),
			casualties: casualtiesArb,
			affected: affectedArb,
			needs: fc.array(text(1, 200), { maxLength: 50 })
		},
		{ requiredKeys: ['reporter', 'type', 'severity', 'lat', 'lon', 'title'] }
	),
	incident_update: fc
		.record(
			{
				status: fc.constantFrom(...INCIDENT_UPDATE_STATUSES),
				severity: levelArb,
				casualties: casualtiesArb.filter(nonEmpty),
				affected: affectedArb.filter(nonEmpty),
				note: text(0, 1000)
			},
			{ requiredKeys: [] }
		)
		.filter(nonEmpty),
	sensor_reading: fc.record(
		{
			kind: fc.oneof(fc.constantFrom(...KNOWN_SENSOR_KINDS), kindArb),
			value: finite,
			unit: text(0, 32)
		},
		{ requiredKeys: ['kind', 'value'] }
	),
	hazard_extent: fc.record(
		{
			kind: fc.oneof(fc.constantFrom(...KNOWN_HAZARD_KINDS), kindArb),
			geometry: areaArb,
			depthM: nonNegative,
			volumeM3: nonNegative
		},
		{ requiredKeys: ['kind', 'geometry'] }
	),
	exercise_state: fc.record(
		{
			name: text(1, 200),
			scenario: idArb,
			status: fc.constantFrom(...EXERCISE_STATUSES),
			speed: fc.double({ min: 1, max: 60, noNaN: true }),
			scenarioSec: nonNegative
		},
		{ requiredKeys: ['name', 'scenario', 'status', 'speed', 'scenarioSec'] }
	),
	exercise_inject: fc.record(
		{
			number: fc.integer({ min: 1, max: 100_000 }),
			scenarioSec: fc.integer({ min: 0, max: 1_000_000 }),
			type: fc.constantFrom(...INJECT_TYPES),
			from: text(1, 200),
			to: text(1, 200),
			message: text(1, 5000),
			expectedAction: text(0, 2000),
			expectedKind: fc.constantFrom(...EXPECTED_ACTION_KINDS),
			objective: text(0, 2000),
			effects: fc.array(
				fc.record({
					family: fc.constantFrom('incident_report', 'status', 'hazard_extent'),
					id: fc.option(idArb, { nil: null }),
					sender: text(1, 200),
					msgId: text(1, 128)
				}),
				{ maxLength: 5 }
			)
		},
		{ requiredKeys: ['number', 'scenarioSec', 'type', 'from', 'to', 'message'] }
	),
	resource_status: fc
		.tuple(
			fc.record(
				{
					status: fc.constantFrom(...RESOURCE_STATUSES),
					fuelPct: fc.double({ min: 0, max: 100, noNaN: true }),
					quantity: nonNegative,
					note: text(0, 1000)
				},
				{ requiredKeys: ['status'] }
			),
			fc.option(fc.record({ lat: latArb, lon: lonArb }), { nil: undefined })
		)
		.map(([s, place]) => ({ ...s, ...place })),
	resource_tasking: fc
		.tuple(
			fc.record(
				{
					requestId: idArb,
					incidentId: idArb,
					place: text(0, 200),
					message: text(0, 1000),
					priority: fc.constantFrom(...REQUEST_PRIORITIES)
				},
				{ requiredKeys: ['requestId', 'message'] }
			),
			fc.option(fc.record({ lat: latArb, lon: lonArb }), { nil: undefined })
		)
		.map(([s, place]) => ({ ...s, ...place }))
};

function topicOf(family: TopicFamily, id: string): string {
	switch (family) {
		case 'position':
			return topics.position(id);
		case 'status':
			return topics.status(id);
		case 'tasking':
			return topics.tasking(id);
		case 'tasking_ack':
			return topics.taskingAck(id);
		case 'incident_report':
			return topics.incidentReport();
		case 'incident_update':
			return topics.incidentUpdate(id);
		case 'sensor_reading':
			return topics.sensorReading(id);
		case 'hazard_extent':
			return topics.hazardExtent(id);
		case 'exercise_state':
			return topics.exerciseState(id);
		case 'exercise_inject':
			return topics.exerciseInject(id);
		case 'resource_status':
			return topics.resourceStatus(id);
		case 'resource_tasking':
			return topics.resourceTasking(id);
		case 'refused':
			return topics.refused(id);
	}
}

/** Valid messages of one family. */
export function messageArb(family: TopicFamily): fc.Arbitrary<GeneratedMessage> {
	return fc
		.tuple(idArb, text(1, 128), tsArb, fc.option(idArb, { nil: undefined }), bodies[family])
		.map(([id, msgId, { ts, at }, exercise, fields]) => ({
			family,
			topic: topicOf(family, id),
			id: family === 'incident_report' ? null : id,
			body: {
				msgId,
				ts,
				// On an exercise topic the payload names the exercise of the topic.
				...(family.startsWith('exercise_')
					? { exercise: id }
					: exercise === undefined
						? {}
						: { exercise }),
				...fields
			},
			at
		}));
}
