/** Hazard topic (docs/design.md "The MQTT interface"): `eoc/v1/hazards/{hazardId}/extent`. */
import { z } from 'zod';
import { areaGeometrySchema, envelopeShape, kindSchema, nonNegativeSchema } from './common';

/** Documented kinds; the list is open ("…" in the design), so not an enum. */
export const KNOWN_HAZARD_KINDS = ['mudflow', 'flood', 'landslide'] as const;

/** The area a hazard covers at `ts` (a mudflow's inundated area), from a model or the field. */
export const hazardExtentPayloadSchema = z.object({
	...envelopeShape,
	kind: kindSchema,
	geometry: areaGeometrySchema,
	depthM: nonNegativeSchema.optional(),
	volumeM3: nonNegativeSchema.optional()
});

export type HazardExtentPayload = z.output<typeof hazardExtentPayloadSchema>;
