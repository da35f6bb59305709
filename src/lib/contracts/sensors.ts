/** Sensor topic (docs/design.md "The MQTT interface"): `eoc/v1/sensors/{sensorId}/reading`. */
import { z } from 'zod';
import { envelopeShape, kindSchema } from './common';

/** The kinds the wall knows how to draw; the list is open ("…" in the design), so not an enum. */
export const KNOWN_SENSOR_KINDS = [
	'water_level_cm',
	'rain_mm',
	'flow_m3s',
	'temperature_c'
] as const;

export const sensorReadingPayloadSchema = z.object({
	...envelopeShape,
	kind: kindSchema,
	value: z.number(),
	unit: z.string().max(32).optional()
});

export type SensorReadingPayload = z.output<typeof sensorReadingPayloadSchema>;
