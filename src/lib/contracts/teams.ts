/**
 * Team topics (docs/design.md "The MQTT interface"):
 * `eoc/v1/teams/{teamId}/position`, `.../status`, `.../tasking/ack` (from the field) and
 * `.../tasking`, `.../refused` (from the EOC).
 */
import { z } from 'zod';
import {
	countSchema,
	envelopeShape,
	idSchema,
	latLonTogether,
	msgIdSchema,
	latSchema,
	lonSchema,
	nonNegativeSchema,
	severitySchema
} from './common';
import { INCIDENT_TYPES } from './incidents';

export const positionPayloadSchema = z.object({
	...envelopeShape,
	lat: latSchema,
	lon: lonSchema,
	accuracyM: nonNegativeSchema.optional(),
	speedMps: nonNegativeSchema.optional(),
	headingDeg: z.number().min(0).lt(360).optional(),
	altitudeM: z.number().optional(),
	batteryPct: z.number().min(0).max(100).optional()
});

import { TEAM_STATUSES } from './vocabulary';

export { TEAM_STATUSES, type TeamStatus } from './vocabulary';

export const statusPayloadSchema = z
	.object({
		...envelopeShape,
		status: z.enum(TEAM_STATUSES),
		incidentId: idSchema.optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		personnel: countSchema.optional(),
		note: z.string().max(1000).optional(),
		/** The team calls for help (SOS): raises the team-emergency alarm at once; a later status
		 *  without it clears that alarm. Not stored on the team (docs/alarms.md). */
		emergency: z.boolean().optional()
	})
	.superRefine((s, ctx) => {
		latLonTogether(s, ctx);
	});

/**
 * What a tasking says of its incident, so that a phone shows it, its distance and its bearing
 * with no other request. Optional: taskings sent before it existed stay valid.
 */
export const taskingIncidentSchema = z.object({
	title: z.string().max(200),
	type: z.enum(INCIDENT_TYPES),
	severity: severitySchema,
	lat: latSchema,
	lon: lonSchema,
	place: z.string().max(200).optional()
});

/** Published by the EOC to one team: an assignment to an incident, with a message. */
export const taskingPayloadSchema = z.object({
	...envelopeShape,
	incidentId: idSchema,
	message: z.string().max(1000),
	priority: z.int().min(1).max(5).optional(),
	incident: taskingIncidentSchema.optional()
});

export const TASKING_ANSWERS = ['accepted', 'declined'] as const;
export type TaskingAnswer = (typeof TASKING_ANSWERS)[number];
/** The longest reason a decline may give. */
export const MAX_ACK_REASON = 500;

/**
 * A team's answer to its tasking (`eoc/v1/teams/{teamId}/tasking/ack`): it names the tasking by
 * that tasking's msgId. A decline must say why.
 */
export const taskingAckPayloadSchema = z
	.object({
		...envelopeShape,
		taskingId: msgIdSchema,
		answer: z.enum(TASKING_ANSWERS),
		reason: z.string().max(MAX_ACK_REASON).regex(/\S/, 'a reason must not be blank').optional(),
		note: z.string().max(1000).optional()
	})
	.superRefine((a, ctx) => {
		if (a.answer === 'declined' && !a.reason)
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'a decline needs a reason'
			});
	});

/** The longest explanation a `refused` message carries. */
export const MAX_REFUSED_DETAIL = 500;

/**
 * Published by the EOC to a team (`eoc/v1/teams/{teamId}/refused`, QoS 1, not retained) when a
 * message the team sent was dead-lettered: which one (`refusedMsgId`, when it could be read), where
 * it was sent, the dead letter's reason code and its explanation, so the phone shows why.
 */
export const refusedPayloadSchema = z.object({
	...envelopeShape,
	refusedMsgId: msgIdSchema.optional(),
	topic: z.string().max(1000),
	reason: z.string().min(1).max(64),
	detail: z.string().max(MAX_REFUSED_DETAIL)
});

export type PositionPayload = z.output<typeof positionPayloadSchema>;
export type StatusPayload = z.output<typeof statusPayloadSchema>;
export type TaskingPayload = z.output<typeof taskingPayloadSchema>;
export type TaskingAckPayload = z.output<typeof taskingAckPayloadSchema>;
export type RefusedPayload = z.output<typeof refusedPayloadSchema>;
export type TaskingIncident = z.output<typeof taskingIncidentSchema>;
