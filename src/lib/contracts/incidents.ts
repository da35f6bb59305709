/**
 * Incident topics (docs/design.md "The MQTT interface"): `eoc/v1/incidents/report` (a new report from
 * a team or the public) and `eoc/v1/incidents/{incidentId}/update` (a change to a known incident).
 */
import { z } from 'zod';
import {
	affectedPatchSchema,
	affectedSchema,
	areaGeometrySchema,
	casualtiesPatchSchema,
	casualtiesSchema,
	envelopeShape,
	idSchema,
	latSchema,
	lonSchema,
	severitySchema
} from './common';
import { photoSchema } from './photo';

import { INCIDENT_TYPES } from './vocabulary';

export { INCIDENT_TYPES, type IncidentType } from './vocabulary';

/** What an update may set; `reported` is not among them: only an operator verifies a report. */
export const INCIDENT_UPDATE_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentUpdateStatus = (typeof INCIDENT_UPDATE_STATUSES)[number];

/** `reporter` is a team id or `public` (which also matches the id pattern). */
export const PUBLIC_REPORTER = 'public';

export const incidentReportPayloadSchema = z.object({
	...envelopeShape,
	reporter: idSchema,
	type: z.enum(INCIDENT_TYPES),
	severity: severitySchema,
	lat: latSchema,
	lon: lonSchema,
	title: z.string().min(1).max(200),
	area: areaGeometrySchema.optional(),
	description: z.string().max(5000).optional(),
	casualties: casualtiesSchema.optional(),
	affected: affectedSchema.optional(),
	needs: z.array(z.string().min(1).max(200)).max(50).optional(),
	/** One photo from the team's phone (contracts/photo.ts). */
	photo: photoSchema.optional()
});

const UPDATE_FIELDS = ['status', 'severity', 'casualties', 'affected', 'note'] as const;

export const incidentUpdatePayloadSchema = z
	.object({
		...envelopeShape,
		status: z.enum(INCIDENT_UPDATE_STATUSES).optional(),
		severity: severitySchema.optional(),
		casualties: casualtiesPatchSchema.optional(),
		affected: affectedPatchSchema.optional(),
		note: z.string().max(1000).optional()
	})
	.refine((u) => UPDATE_FIELDS.some((k) => u[k] !== undefined), {
		message: `update carries no change: expected at least one of ${UPDATE_FIELDS.join(', ')}`
	});

export type IncidentReportPayload = z.output<typeof incidentReportPayloadSchema>;
export type IncidentUpdatePayload = z.output<typeof incidentUpdatePayloadSchema>;
