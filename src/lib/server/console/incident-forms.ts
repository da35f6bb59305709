import { z } from 'zod';
import { INCIDENT_TYPES } from '$lib/contracts';
import { idSchema } from '$lib/contracts/common';

/**
 * What the console's incident forms may carry, validated at the boundary. Issue messages are
 * message keys (messages/*.json), shown in the operator's language.
 */
const count = z.coerce
	.number({ message: 'count_invalid' })
	.int('count_invalid')
	.min(0, 'count_invalid')
	.max(10_000_000, 'count_invalid');
const severity = z.coerce
	.number({ message: 'severity_invalid' })
	.int('severity_invalid')
	.min(1, 'severity_invalid')
	.max(5, 'severity_invalid');
const text = (max: number) => z.string().trim().max(max, 'text_too_long');

/** The longest place name an incident carries (messages' place_too_long says it). */
export const PLACE_MAX = 120;

export const EDITABLE_STATUSES = ['open', 'contained', 'closed'] as const;

export const incidentFieldsSchema = z.object({
	title: text(200).min(1, 'title_missing'),
	description: text(5000).transform((d) => d || null),
	// the named place (from the place search, or typed): optional
	place: z
		.string()
		.trim()
		.max(PLACE_MAX, 'place_too_long')
		.optional()
		.transform((p) => p || null),
	severity,
	dead: count,
	injured: count,
	missing: count,
	trapped: count,
	people: count,
	households: count
});

export const newIncidentSchema = incidentFieldsSchema.extend({
	type: z.enum(INCIDENT_TYPES, { message: 'type_invalid' }),
	lat: z.coerce.number({ message: 'lat_invalid' }).min(-90, 'lat_invalid').max(90, 'lat_invalid'),
	lon: z.coerce.number({ message: 'lon_invalid' }).min(-180, 'lon_invalid').max(180, 'lon_invalid')
});
export type NewIncident = z.output<typeof newIncidentSchema>;

export const editIncidentSchema = incidentFieldsSchema.extend({
	status: z.enum(EDITABLE_STATUSES, { message: 'status_invalid' }),
	note: text(1000)
});
export type EditIncident = z.output<typeof editIncidentSchema>;

export const assignSchema = z.object({
	teamId: idSchema.or(z.literal('')).refine((v) => v !== '', 'team_missing'),
	message: text(1000),
	priority: z.coerce.number().int().min(1).max(5).optional().catch(undefined)
});

export const mergeSchema = z.object({
	into: idSchema.or(z.literal('')).refine((v) => v !== '', 'merge_target_missing')
});

/** Form data as a plain object of strings (missing fields are ''). */
export function fieldsOf(form: FormData, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '').slice(0, 20_000)]));
}

/** The first problem of a failed parse, as a message key and the field it concerns. */
export function firstProblem(e: z.ZodError): { problem: string; field: string } {
	const i = e.issues[0];
	return { problem: i.message, field: String(i.path[0] ?? '') };
}
