/**
 * The warning form, validated at the boundary: the hazard, CAP's severity, urgency and certainty,
 * how long it holds, the area (places from the gazetteer, or a hazard's extent) and the three
 * languages' texts. A problem is a message key and the field it is about (`tg_headline`,
 * `places`), so the page names the field; a place the gazetteer does not know is named too.
 */
import { z } from 'zod';
import { CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from '$lib/contracts';
import { ID_PATTERN } from '$lib/contracts/common';
import type { Bbox } from '$lib/live/area';
import type { PlaceResult } from '$lib/places';
import { MAX_PLACES, placeTokens, resolvePlace } from './area';
import type { Indexed } from '../places/search';
import { HAZARDS, WARNING_LANGS } from './templates';

export const AREA_SOURCES = ['places', 'hazard'] as const;
const TEXT_PARTS = ['headline', 'description', 'instruction'] as const;

/** Every field of the form, as posted. */
export const WARNING_FIELDS = [
	'hazard',
	'alarmId',
	'severity',
	'urgency',
	'certainty',
	'expiresHours',
	'areaSource',
	'places',
	'radiusKm',
	'hazardId',
	'areaDesc',
	...WARNING_LANGS.flatMap((l) => TEXT_PARTS.map((p) => `${l}_${p}`))
] as const;

const text = (max: number, missing?: string) => {
	const t = z.string().trim().max(max, 'warning_text_long');
	return missing ? t.min(1, missing) : t;
};
const langFields = Object.fromEntries(
	WARNING_LANGS.flatMap((l) => [
		[`${l}_headline`, text(160, 'warning_headline_missing')],
		[`${l}_description`, text(2000)],
		[`${l}_instruction`, text(2000, 'warning_instruction_missing')]
	])
) as Record<`${(typeof WARNING_LANGS)[number]}_${(typeof TEXT_PARTS)[number]}`, z.ZodString>;

/** The form's schema; places are looked up in the gazetteer, nearest to the operational area. */
export function warningSchema(operationalArea: Bbox, index?: readonly Indexed[]) {
	return z
		.object({
			hazard: z.enum(HAZARDS, { message: 'warning_hazard_invalid' }),
			alarmId: z
				.string()
				.trim()
				.refine((v) => v === '' || ID_PATTERN.test(v), 'warning_alarm_invalid')
				.transform((v) => v || null),
			severity: z.enum(CAP_SEVERITY, { message: 'warning_cap_invalid' }),
			urgency: z.enum(CAP_URGENCY, { message: 'warning_cap_invalid' }),
			certainty: z.enum(CAP_CERTAINTY, { message: 'warning_cap_invalid' }),
			expiresHours: z.coerce
				.number({ message: 'warning_expires_range' })
				.int('warning_expires_range')
				.min(1, 'warning_expires_range')
				.max(168, 'warning_expires_range'),
			areaSource: z.enum(AREA_SOURCES, { message: 'warning_area_source_invalid' }),
			places: z.string().max(4000, 'warning_text_long'),
			radiusKm: z.coerce
				.number({ message: 'warning_radius_range' })
				.min(0.1, 'warning_radius_range')
				.max(50, 'warning_radius_range'),
			hazardId: z.string().trim().max(64),
			areaDesc: text(200),
			...langFields
		})
		.transform((f, ctx) => {
			const resolved: PlaceResult[] = [];
			if (f.areaSource === 'places') {
				const tokens = placeTokens(f.places);
				if (tokens.length === 0)
					ctx.addIssue({ code: 'custom', path: ['places'], message: 'warning_places_missing' });
				if (tokens.length > MAX_PLACES)
					ctx.addIssue({ code: 'custom', path: ['places'], message: 'warning_places_many' });
				for (const t of tokens.slice(0, MAX_PLACES)) {
					const p = resolvePlace(t, operationalArea, index);
					if (p) resolved.push(p);
					else
						ctx.addIssue({
							code: 'custom',
							path: ['places'],
							message: 'warning_place_unknown',
							params: { detail: t }
						});
				}
			} else if (!ID_PATTERN.test(f.hazardId))
				ctx.addIssue({ code: 'custom', path: ['hazardId'], message: 'warning_hazard_missing' });
			const unique = [...new Map(resolved.map((p) => [p.id, p])).values()];
			return {
				...f,
				places: unique,
				texts: Object.fromEntries(
					WARNING_LANGS.map((l) => [
						l,
						{
							headline: f[`${l}_headline`],
							description: f[`${l}_description`],
							instruction: f[`${l}_instruction`]
						}
					])
				) as Record<(typeof WARNING_LANGS)[number], Record<(typeof TEXT_PARTS)[number], string>>
			};
		});
}
export type WarningForm = z.output<ReturnType<typeof warningSchema>>;

/** The rejection's reason: required, so the drafter knows what to change. */
export const rejectSchema = z.object({
	reason: text(1000, 'warning_reason_missing')
});

/** The first problem of a failed parse: message key, field, and what it was about (a place). */
export function problemOf(e: z.ZodError): { problem: string; field: string; detail?: string } {
	const i = e.issues[0];
	const detail = (i as { params?: { detail?: string } }).params?.detail;
	return { problem: i.message, field: String(i.path[0] ?? ''), ...(detail ? { detail } : {}) };
}
