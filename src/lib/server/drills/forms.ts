import { z } from 'zod';
import { idSchema } from '$lib/contracts/common';

/** Speeds a trainer may set: ×1 (real time) to ×60 (an hour a minute). */
export const MIN_SPEED = 1;
export const MAX_SPEED = 60;

const speed = z.coerce
	.number({ message: 'drill_speed_invalid' })
	.int('drill_speed_invalid')
	.min(MIN_SPEED, 'drill_speed_invalid')
	.max(MAX_SPEED, 'drill_speed_invalid');
const exercise = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9_-]{1,64}$/, 'drill_exercise_invalid');
const inject = z.coerce
	.number({ message: 'drill_inject_invalid' })
	.int('drill_inject_invalid')
	.min(0, 'drill_inject_invalid')
	.max(1_000_000, 'drill_inject_invalid');

/** Start a drill: the scenario, and optionally its exercise id and name; speed; seed. */
export const startSchema = z.object({
	scenario: idSchema,
	exercise: z
		.string()
		.trim()
		.transform((s) => s || undefined)
		.pipe(exercise.optional()),
	name: z
		.string()
		.trim()
		.max(200, 'drill_name_too_long')
		.transform((s) => s || undefined),
	speed,
	seed: z
		.string()
		.trim()
		.max(64, 'drill_seed_invalid')
		.transform((s) => s || '1')
});
export const START_FIELDS = ['scenario', 'exercise', 'name', 'speed', 'seed'] as const;

export const exerciseSchema = z.object({ exercise });
export const speedSchema = z.object({ exercise, speed });
export const injectSchema = z.object({ exercise, inject });
