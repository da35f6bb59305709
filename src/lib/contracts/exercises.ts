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
	latSchema,
	lonSchema,
	msgIdSchema
} from './common';

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
	sensors: z.array(exerciseSensorSchema).max(200).optional()
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
	effects: z.array(injectEffectRefSchema).max(5000).default([])
});

export type ExerciseTeam = z.output<typeof exerciseTeamSchema>;
export type ExerciseSensor = z.output<typeof exerciseSensorSchema>;
export type ExerciseStatePayload = z.output<typeof exerciseStatePayloadSchema>;
export type ExerciseInjectPayload = z.output<typeof exerciseInjectPayloadSchema>;
export type InjectEffectRefPayload = z.output<typeof injectEffectRefSchema>;
