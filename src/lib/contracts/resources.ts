/**
 * Resources and requests (docs/resources.md): the MQTT topic `eoc/v1/resources/{resourceId}/status`
 * and the vocabularies the register, the requests and the screens share.
 */
import { z } from 'zod';
import {
	envelopeShape,
	idSchema,
	latLonTogether,
	latSchema,
	lonSchema,
	nonNegativeSchema
} from './common';

export const RESOURCE_STATUSES = [
	'available',
	'assigned',
	'en_route',
	'on_scene',
	'returning',
	'out_of_service'
] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** Equipment is counted in units (a resource row each), supplies in quantities per store. */
export const RESOURCE_CLASSES = ['equipment', 'supply'] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

/** The ICS-213RR lifecycle; `refused` and `cancelled` end it with a reason. */
export const REQUEST_STATUSES = [
	'requested',
	'approved',
	'assigned',
	'en_route',
	'delivered',
	'refused',
	'cancelled'
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Where a request may go next from each status (a step not listed is refused). */
export const REQUEST_NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
	requested: ['approved', 'refused', 'cancelled'],
	approved: ['assigned', 'refused', 'cancelled'],
	assigned: ['en_route', 'delivered', 'cancelled'],
	en_route: ['delivered', 'cancelled'],
	delivered: [],
	refused: [],
	cancelled: []
};
/** Open: not delivered, refused or cancelled. */
export const REQUEST_OPEN: readonly RequestStatus[] = [
	'requested',
	'approved',
	'assigned',
	'en_route'
];

export const REQUEST_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

/** Who asked: a district's hukumat, a field team, or an operator in the EOC. */
export const REQUESTER_KINDS = ['district', 'team', 'operator'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/**
 * `eoc/v1/resources/{resourceId}/status`, from a vehicle tracker or an operator's device: its
 * status, where it is, its fuel, or what it still carries. Every field but the envelope is
 * optional, but a message must say something.
 */
export const resourceStatusPayloadSchema = z
	.object({
		...envelopeShape,
		status: z.enum(RESOURCE_STATUSES).optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		fuelPct: z.number().min(0).max(100).optional(),
		quantity: nonNegativeSchema.optional(),
		note: z.string().max(1000).optional()
	})
	.superRefine((s, ctx) => {
		latLonTogether(s, ctx);
		if (
			s.status === undefined &&
			s.lat === undefined &&
			s.fuelPct === undefined &&
			s.quantity === undefined &&
			s.note === undefined
		)
			ctx.addIssue({
				code: 'custom',
				path: ['status'],
				message: 'a resource status says at least one of status, lat/lon, fuelPct, quantity, note'
			});
	});
export type ResourceStatusPayload = z.output<typeof resourceStatusPayloadSchema>;

/**
 * `eoc/v1/resources/{resourceId}/tasking`, published by the EOC (QoS 1, retained) when a request
 * is assigned the resource: where to go, for which request, and what for.
 */
export const resourceTaskingPayloadSchema = z
	.object({
		...envelopeShape,
		requestId: idSchema,
		incidentId: idSchema.optional(),
		place: z.string().max(200).optional(),
		lat: latSchema.optional(),
		lon: lonSchema.optional(),
		message: z.string().max(1000),
		priority: z.enum(REQUEST_PRIORITIES).optional()
	})
	.superRefine(latLonTogether);
export type ResourceTaskingPayload = z.output<typeof resourceTaskingPayloadSchema>;
