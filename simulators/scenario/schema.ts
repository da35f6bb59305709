/**
 * The scenario format: a Master Scenario Events List after HSEEP (docs/drills.md "Writing a
 * scenario"). One JSON file per scenario, simulators/scenarios/<id>/scenario.json. Cross-references
 * (teams, sensors, hazards, reports named by effects) are checked in `refine.ts`.
 */
import { z } from 'zod';
import {
	affectedSchema,
	casualtiesSchema,
	EXPECTED_ACTION_KINDS,
	idSchema,
	INCIDENT_TYPES,
	INCIDENT_UPDATE_STATUSES,
	INJECT_TYPES,
	kindSchema,
	latSchema,
	lonSchema,
	parseIsoTimestamp,
	REQUEST_PRIORITIES,
	REQUESTER_KINDS,
	RESOURCE_STATUSES,
	severitySchema,
	TEAM_STATUSES
} from '../../src/lib/contracts';
import { bboxSchema } from '../../src/lib/live/area';

/** Scenario time after the start: `H:MM` or `H:MM:SS` (hours may exceed 23). */
const TIME_RE = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
export function parseScenarioTime(text: string): number | null {
	const m = TIME_RE.exec(text);
	return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : null;
}
export const scenarioTimeSchema = z.string().transform((text, ctx) => {
	const sec = parseScenarioTime(text);
	if (sec === null) {
		ctx.issues.push({ code: 'custom', input: text, message: 'expected H:MM or H:MM:SS' });
		return z.NEVER;
	}
	return sec;
});

/** Hazard, team and sensor ids leave room for the suffixes the engine adds (`-d3`, ...). */
const actorIdSchema = idSchema.refine((id) => id.length <= 56, 'expected at most 56 characters');
const refNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'expected a lower-case name');
const text = (max: number) => z.string().min(1).max(max);
const point = z.object({ lat: latSchema, lon: lonSchema });

export const terrainSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('synthetic') }),
	/** A GeoTIFF or SRTM .hgt file, relative to the scenario's folder or absolute. */
	z.object({ kind: z.literal('dem'), path: text(500) })
]);

export const hazardSchema = z.object({
	id: actorIdSchema,
	kind: z.literal('mudflow'),
	lat: latSchema,
	lon: lonSchema,
	volumeM3: z.number().min(100).max(1e8),
	/** Released by the clock at this time, or earlier by an inject's `release` effect. */
	releaseAt: scenarioTimeSchema,
	/** How long the model runs after the release, and between two published frames. */
	durationSec: z
		.int()
		.min(60)
		.max(6 * 3600)
		.default(3600),
	frameSec: z.int().min(10).max(3600).default(60),
	/** How long the release lasts (a steady discharge); 0: all at once. */
	releaseSec: z
		.int()
		.min(0)
		.max(6 * 3600)
		.default(0),
	exponent: z.number().min(1).max(20).optional(),
	phiDeg: z.number().min(1).max(45).optional(),
	vMaxMps: z.number().min(0.5).max(50).optional()
});

export const teamSchema = z.object({
	id: actorIdSchema,
	callsign: text(64),
	kind: kindSchema,
	home: point.extend({ name: text(200) }),
	personnel: z.int().min(0).max(1000).default(4),
	/** Travel speed on the ground in m/s (a rescue vehicle in a flooded town: 6-10). */
	speedMps: z.number().min(0.5).max(40).default(8),
	/** Seconds between two position reports while moving. */
	reportEverySec: z.int().min(5).max(3600).default(30)
});

export const sensorSchema = z.object({
	id: actorIdSchema,
	kind: kindSchema,
	name: text(200),
	unit: z.string().max(32).optional(),
	lat: latSchema,
	lon: lonSchema,
	warning: z.number().optional(),
	danger: z.number().optional(),
	everySec: z
		.int()
		.min(10)
		.max(24 * 3600)
		.default(300),
	/** The rise curve: [time, value] points, linear between them, flat after the last. */
	curve: z
		.array(z.tuple([scenarioTimeSchema, z.number()]))
		.min(1)
		.refine((c) => c.every((p, i) => i === 0 || p[0] > c[i - 1][0]), 'expected times in order'),
	/** Random noise added to each reading, as a fraction of its value (seeded). */
	noise: z.number().min(0).max(0.5).default(0),
	/** Decimal places of a published value. */
	decimals: z.int().min(0).max(6).default(1),
	/** Values never go below this (a shelter's occupancy cannot fall under zero). */
	min: z.number().optional()
});

/**
 * A piece of equipment of the drill (issue #15): registered in the drill's picture when it starts,
 * reporting its status over `eoc/v1/resources/{id}/status`. `kind` is a kind of the EOC's list
 * (`excavator`, `dump_truck`...); `team` the scenario team operating it.
 */
export const resourceSchema = z.object({
	id: actorIdSchema,
	kind: kindSchema,
	name: text(200),
	plate: z.string().max(32).optional(),
	agency: z.string().max(200).optional(),
	team: idSchema.optional(),
	home: point.extend({ name: text(200) }),
	speedMps: z.number().min(0.5).max(40).default(5),
	reportEverySec: z.int().min(5).max(3600).default(60)
});

/** A store of the drill and its supplies (`kind` a supply kind of the EOC's list). */
export const storeSchema = z.object({
	id: actorIdSchema,
	name: text(200),
	agency: z.string().max(200).optional(),
	district: z.string().max(200).optional(),
	lat: latSchema,
	lon: lonSchema,
	stock: z
		.array(
			z.object({
				kind: kindSchema,
				quantity: z.number().min(0),
				/** Below it the EOC's stock alarm fires. */
				minimum: z.number().min(0).optional()
			})
		)
		.max(100)
		.default([])
});

const reportEffect = z.object({
	kind: z.literal('report'),
	/** A name for the incident this report creates, for later effects (`incident_update`, teams). */
	ref: refNameSchema.optional(),
	reporter: idSchema,
	type: z.enum(INCIDENT_TYPES),
	severity: severitySchema,
	lat: latSchema,
	lon: lonSchema,
	title: text(200),
	description: z.string().max(5000).optional(),
	casualties: casualtiesSchema.partial().optional(),
	affected: affectedSchema.partial().optional(),
	needs: z.array(text(200)).max(50).optional()
});

const updateEffect = z.object({
	kind: z.literal('incident_update'),
	/** The `ref` of an earlier report effect. */
	incident: refNameSchema,
	status: z.enum(INCIDENT_UPDATE_STATUSES).optional(),
	severity: severitySchema.optional(),
	casualties: casualtiesSchema.partial().optional(),
	affected: affectedSchema.partial().optional(),
	note: z.string().max(1000).optional()
});

const teamEffect = z.object({
	kind: z.literal('team'),
	team: idSchema,
	status: z.enum(TEAM_STATUSES),
	note: z.string().max(1000).optional(),
	/** The `ref` of a report effect: the incident the team works on. */
	incident: refNameSchema.optional(),
	/** Waypoints to drive through, in order (the last is the destination). */
	route: z.array(point).max(50).optional(),
	/** Status reported on arrival (default on_scene, or available when returning). */
	arrive: z.enum(TEAM_STATUSES).optional(),
	/** Seconds after delivery before the team sets off (turn-out time). */
	departAfterSec: z.int().min(0).max(3600).default(0)
});

const readingsEffect = z.object({
	kind: z.literal('readings'),
	sensor: idSchema,
	/** [seconds after delivery, value] pairs, published at those times. */
	points: z
		.array(
			z.tuple([
				z
					.int()
					.min(0)
					.max(24 * 3600),
				z.number()
			])
		)
		.min(1)
		.max(500)
});

const capEffect = z.object({
	kind: z.literal('cap'),
	/** Who issues it (CAP `senderName`) and its identifier suffix. */
	sender: text(200),
	event: text(200),
	urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']),
	severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']),
	certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
	headline: text(200),
	description: text(5000),
	instruction: z.string().max(5000).optional(),
	/** Hours the warning is in force. */
	expiresHours: z.number().min(0.25).max(168).default(12),
	area: z.object({
		desc: text(500),
		/** A closed ring of [lat, lon] points (CAP's own order). */
		polygon: z
			.array(z.tuple([latSchema, lonSchema]))
			.min(4)
			.max(500)
	})
});

const releaseEffect = z.object({ kind: z.literal('release'), hazard: idSchema });

/** A scenario resource's new status, and a route to drive (like a team's orders). */
const resourceEffect = z.object({
	kind: z.literal('resource'),
	resource: idSchema,
	status: z.enum(RESOURCE_STATUSES),
	note: z.string().max(1000).optional(),
	route: z.array(point).max(50).optional(),
	/** Status reported on arrival (default on_scene, or available when returning). */
	arrive: z.enum(RESOURCE_STATUSES).optional(),
	departAfterSec: z.int().min(0).max(3600).default(0)
});

/**
 * A resource request the inject makes (a district asks for tents): the EOC creates it in the
 * drill's picture as asked at the delivery. Where: an earlier report's incident, a place, a point.
 */
const requestEffect = z
	.object({
		kind: z.literal('request'),
		resourceKind: kindSchema,
		quantity: z.number().positive().max(1e9),
		requester: text(200),
		requesterKind: z.enum(REQUESTER_KINDS).default('district'),
		priority: z.enum(REQUEST_PRIORITIES).default('normal'),
		/** Needed by this many scenario minutes after the delivery. */
		neededInMinutes: z
			.int()
			.min(1)
			.max(7 * 24 * 60)
			.optional(),
		/** The `ref` of an earlier report effect: the incident it is for. */
		incident: refNameSchema.optional(),
		place: text(200).optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		note: z.string().max(1000).optional()
	})
	.refine((r) => r.incident !== undefined || r.place !== undefined || r.lat !== undefined, {
		message: 'a request names an incident, a place or a point (lat, lon)',
		path: ['place']
	})
	.refine((r) => (r.lat === undefined) === (r.lon === undefined), {
		message: 'lat and lon go together',
		path: ['lat']
	});

export const EFFECT_KINDS = [
	'report',
	'incident_update',
	'team',
	'readings',
	'cap',
	'release',
	'resource',
	'request'
] as const;

export const effectSchema = z.discriminatedUnion('kind', [
	reportEffect,
	updateEffect,
	teamEffect,
	readingsEffect,
	capEffect,
	releaseEffect,
	resourceEffect,
	requestEffect
]);

export const injectSchema = z.object({
	number: z.int().min(1).max(100_000),
	at: scenarioTimeSchema,
	type: z.enum(INJECT_TYPES),
	from: text(200),
	to: text(200),
	message: text(5000),
	expectedAction: z
		.object({
			text: text(2000),
			kind: z.enum(EXPECTED_ACTION_KINDS),
			/** Index in `effects` of what the action answers (the report to accept, ...). */
			effect: z.int().min(0).optional()
		})
		.optional(),
	objective: z.string().max(2000).optional(),
	effects: z.array(effectSchema).max(100).default([])
});

export const scenarioShape = z.object({
	id: idSchema,
	name: text(200),
	description: text(10_000),
	/** When the scenario begins (UTC): the scenario clock reads start + scenario seconds. */
	start: z.string().refine((s) => parseIsoTimestamp(s) !== null, {
		message: 'expected an ISO 8601 date-time with Z or an offset'
	}),
	duration: scenarioTimeSchema,
	terrain: terrainSchema,
	/** Where the drill plays: the drill's wall fits it (`/wall?exercise=…&area=…`). */
	area: z.object({ name: text(80), bbox: bboxSchema }).optional(),
	hazards: z.array(hazardSchema).max(20).default([]),
	teams: z.array(teamSchema).max(200).default([]),
	sensors: z.array(sensorSchema).max(200).default([]),
	resources: z.array(resourceSchema).max(500).default([]),
	stores: z.array(storeSchema).max(50).default([]),
	injects: z.array(injectSchema).min(1).max(10_000)
});

export type Scenario = z.output<typeof scenarioShape>;
export type Inject = Scenario['injects'][number];
export type Effect = z.output<typeof effectSchema>;
export type HazardSpec = Scenario['hazards'][number];
export type TeamSpec = Scenario['teams'][number];
export type SensorSpec = Scenario['sensors'][number];
export type ResourceSpec = Scenario['resources'][number];
export type StoreSpec = Scenario['stores'][number];
export type TerrainSpec = Scenario['terrain'];
