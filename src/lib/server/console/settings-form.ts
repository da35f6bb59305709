import { z } from 'zod';
import { EOC_NAME_MAX, OCCUPANCY_MAX, STALE_MIN_MAX } from '$lib/console/limits';

/** A whole number typed in a form: digits only (no sign, no decimals), within bounds. */
const wholeNumber = (min: number, max: number, message: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{1,9}$/, message)
		.transform(Number)
		.pipe(z.number().int().min(min, message).max(max, message));

/**
 * A threshold typed in a form, or none when empty. A decimal comma is read as a point: Russian and
 * Tajik write 2,5.
 */
const threshold = z
	.string()
	.trim()
	.transform((s) => s.replace(',', '.'))
	.refine((s) => s === '' || /^-?\d{1,9}(\.\d{1,6})?$/.test(s), 'threshold_invalid')
	.transform((s) => (s === '' ? null : Number(s)));

/** The id of a row the page listed (a shelter, a sensor). */
const rowId = (message: string) => z.string().trim().min(1, message).max(200, message);

/** The EOC's name and when a silent team turns stale (admin). */
export const eocSchema = z.object({
	eocName: z.string().trim().min(1, 'eoc_name_missing').max(EOC_NAME_MAX, 'eoc_name_too_long'),
	staleAfterMin: wholeNumber(1, STALE_MIN_MAX, 'stale_invalid')
});
export const EOC_FIELDS = ['eocName', 'staleAfterMin'] as const;

/** The activation level, 1 (normal monitoring) to 4 (full activation) (supervisor). */
export const activationSchema = z.object({
	activationLevel: z
		.enum(['1', '2', '3', '4'], { message: 'activation_invalid' })
		.transform((s) => Number(s) as 1 | 2 | 3 | 4)
});
export const ACTIVATION_FIELDS = ['activationLevel'] as const;

/**
 * People in a shelter now. More than its capacity is allowed: in a disaster an overfull shelter is
 * real, and the wall must show it rather than a number capped to look fine.
 */
export const occupancySchema = z.object({
	id: rowId('shelter_unknown'),
	occupancy: wholeNumber(0, OCCUPANCY_MAX, 'occupancy_invalid')
});
export const OCCUPANCY_FIELDS = ['id', 'occupancy'] as const;

/** A gauge's thresholds (admin): either may be empty; when both are set, warning < danger. */
export const thresholdsSchema = z
	.object({ id: rowId('sensor_unknown'), warning: threshold, danger: threshold })
	.refine((t) => t.warning === null || t.danger === null || t.warning < t.danger, {
		message: 'thresholds_order',
		path: ['warning']
	});
export const THRESHOLD_FIELDS = ['id', 'warning', 'danger'] as const;
