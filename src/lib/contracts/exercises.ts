/**
 * Exercise topics (issue #5): `eoc/v1/exercises/{exerciseId}/state` (the drill clock, published by
 * the drill engine on every change and while it runs) and `eoc/v1/exercises/{exerciseId}/inject`
 * (one delivered inject of the Master Scenario Events List, with what it published).
 */
import { z } from 'zod';
import {
	envelopeShape,
	ID_PATTERN,
	idSchema,
	kindSchema,
	latLonTogether,
	latSchema,
	lonSchema,
	msgIdSchema,
	nonNegativeSchema,
	tsSchema
} from './common';
import { REQUEST_PRIORITIES, REQUESTER_KINDS } from './resources';

/**
 * On exercise topics the exercise id is required (it is the subject of the message), and must be
 * the one in the topic (checked by parseMessage).
 */
const requiredExercise = z
	.string()
	.regex(ID_PATTERN, 'expected an exercise id of 1-64 characters from [A-Za-z0-9_-]');

export const EXERCISE_STATUSES = ['running', 'paused', 'ended', 'reset'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

/** Drill speed: scenario seconds per wall-clock second. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 60;

/** A simulated team of the drill, so the EOC knows its callsign, kind and base before it moves. */
export const exerciseTeamSchema = z.object({
	id: idSchema,
	callsign: z.string().min(1).max(64),
	kind: kindSchema,
	homeBase: z.string().max(200).optional()
});

/** A simulated gauge of the drill, with its place and thresholds (the wall draws them). */
export const exerciseSensorSchema = z.object({
	id: idSchema,
	kind: kindSchema,
	name: z.string().min(1).max(200),
	unit: z.string().max(32).optional(),
	lat: latSchema,
	lon: lonSchema,
	warning: z.number().optional(),
	danger: z.number().optional()
});

/**
 * A piece of equipment of the drill (issue #15), registered in its picture as a resource carrying
 * the exercise id, so that its status messages (`eoc/v1/resources/{id}/status`) find it. `kind` is
 * a kind of the EOC's list (`resource_kind`), `team` the drill team operating it.
 */
export const exerciseResourceSchema = z
	.object({
		id: idSchema,
		kind: kindSchema,
		name: z.string().min(1).max(200),
		plate: z.string().max(32).optional(),
		agency: z.string().max(200).optional(),
		homeBase: z.string().max(200).optional(),
		team: idSchema.optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional()
	})
	.superRefine(latLonTogether);

/** A store of the drill and what it holds: supplies by kind, with the minimum kept there. */
export const exerciseStoreSchema = z
	.object({
		id: idSchema,
		name: z.string().min(1).max(200),
		agency: z.string().max(200).optional(),
		district: z.string().max(200).optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		stock: z
			.array(
				z.object({
					kind: kindSchema,
					quantity: nonNegativeSchema,
					minimum: nonNegativeSchema.optional()
				})
			)
			.max(100)
			.optional()
	})
	.superRefine(latLonTogether);

export const exerciseStatePayloadSchema = z.object({
	...envelopeShape,
	exercise: requiredExercise,
	name: z.string().min(1).max(200),
	/** The scenario's id (simulators/scenarios/<id>). */
	scenario: idSchema,
	status: z.enum(EXERCISE_STATUSES),
	speed: z.number().min(MIN_SPEED).max(MAX_SPEED),
	/** Scenario seconds since the scenario's start. */
	scenarioSec: z.number().min(0),
	/** The scenario's own start (UTC), for showing the scenario clock as a time of day. */
	scenarioStart: z.string().max(40).optional(),
	/** The drill's simulated teams and gauges (sent with `running`; registered by the EOC). */
	teams: z.array(exerciseTeamSchema).max(200).optional(),
	sensors: z.array(exerciseSensorSchema).max(200).optional(),
	/** Its equipment and its stores with their stock (sent with `running`; registered too). */
	resources: z.array(exerciseResourceSchema).max(500).optional(),
	stores: z.array(exerciseStoreSchema).max(50).optional()
});

export const INJECT_TYPES = ['contextual', 'expected_action', 'contingency'] as const;
export const EXPECTED_ACTION_KINDS = [
	'accept_report',
	'acknowledge',
	'assign',
	'verify_event',
	'none'
] as const;

/** What one published message of an inject's effect was (the after-action report's key). */
export const injectEffectRefSchema = z.object({
	/** Topic family (topics.ts) and the id in the topic, null when the topic has none. */
	family: z.string().min(1).max(64),
	id: idSchema.nullable(),
	/** The ingest's sender (`team:…`, `sensor:…`, `hazard:…`, `public`…) and the msgId. */
	sender: z.string().min(1).max(200),
	msgId: msgIdSchema
});

/**
 * A resource request an inject makes (a district asks for tents), created by the EOC in the
 * drill's picture when the inject arrives, as if the requester had asked: its id is the drill's
 * (the inject's effect reference names it), its time the inject's delivery. It names where it is
 * needed: an incident of the drill, a place, or a point.
 */
export const exerciseRequestSchema = z
	.object({
		id: idSchema,
		kind: kindSchema,
		quantity: z.number().positive().max(1e9),
		requesterKind: z.enum(REQUESTER_KINDS).default('district'),
		requester: z.string().min(1).max(200),
		priority: z.enum(REQUEST_PRIORITIES).default('normal'),
		neededBy: tsSchema.optional(),
		incidentId: idSchema.optional(),
		place: z.string().min(1).max(200).optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		note: z.string().max(1000).optional()
	})
	.superRefine((r, ctx) => {
		latLonTogether(r, ctx);
		if (r.incidentId === undefined && r.place === undefined && r.lat === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['place'],
				message: 'a request names an incident, a place or a point (lat, lon)'
			});
	});

/** One delivered inject; `ts` is when it was delivered (wall clock, UTC). */
export const exerciseInjectPayloadSchema = z.object({
	...envelopeShape,
	exercise: requiredExercise,
	number: z.int().min(1).max(100_000),
	scenarioSec: z.int().min(0),
	type: z.enum(INJECT_TYPES),
	from: z.string().min(1).max(200),
	to: z.string().min(1).max(200),
	message: z.string().min(1).max(5000),
	expectedAction: z.string().max(2000).optional(),
	expectedKind: z.enum(EXPECTED_ACTION_KINDS).default('none'),
	/** Index in `effects` of the message the expected action answers (the report to accept). */
	expectedEffect: z.int().min(0).optional(),
	objective: z.string().max(2000).optional(),
	effects: z.array(injectEffectRefSchema).max(5000).default([]),
	/** Resource requests the inject makes (their effect references name them too). */
	requests: z.array(exerciseRequestSchema).max(100).optional()
});

export type ExerciseTeam = z.output<typeof exerciseTeamSchema>;
export type ExerciseSensor = z.output<typeof exerciseSensorSchema>;
export type ExerciseResource = z.output<typeof exerciseResourceSchema>;
export type ExerciseStore = z.output<typeof exerciseStoreSchema>;
export type ExerciseRequest = z.output<typeof exerciseRequestSchema>;
export type ExerciseRequestInput = z.input<typeof exerciseRequestSchema>;
export type ExerciseStatePayload = z.output<typeof exerciseStatePayloadSchema>;
export type ExerciseInjectPayload = z.output<typeof exerciseInjectPayloadSchema>;
export type InjectEffectRefPayload = z.output<typeof injectEffectRefSchema>;
