/**
 * What the console's request forms may carry, validated at the boundary. Issue messages are
 * message keys (messages/*.json, `req_…`), shown in the operator's language next to the field.
 */
import { z } from 'zod';
import { REQUEST_PRIORITIES, REQUESTER_KINDS } from '$lib/contracts/resources';
import { idSchema, parseIsoTimestamp } from '$lib/contracts/common';
import { isDistrict } from '$lib/requests/districts';

/** Dushanbe keeps UTC+5 all year (no daylight saving since 1991). */
export const DUSHANBE_OFFSET = '+05:00';

const text = (max: number) => z.string().trim().max(max, 'text_too_long');
const optionalText = (max: number) => text(max).transform((v) => v || null);
const optionalNumber = (key: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const n = Number(v.replace(',', '.'));
			if (!Number.isFinite(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: key });
				return z.NEVER;
			}
			return n;
		});

/** A `datetime-local` value ("2026-05-12T14:30") read as Dushanbe time; null when empty. */
export function dushanbeTime(value: string): Date | null | undefined {
	const v = value.trim();
	if (v === '') return null;
	return parseIsoTimestamp(v + DUSHANBE_OFFSET) ?? undefined;
}

/** A Date as the `datetime-local` value that reads as it in Dushanbe. */
export function toDushanbeInput(at: Date | string | null): string {
	if (!at) return '';
	const shifted = new Date(new Date(at).getTime() + 5 * 3600_000);
	return shifted.toISOString().slice(0, 16);
}

export const NEW_REQUEST_FIELDS = [
	'kindId',
	'quantity',
	'incidentId',
	'place',
	'lat',
	'lon',
	'priority',
	'neededBy',
	'requesterKind',
	'district',
	'requester',
	'note'
] as const;

/** The new-request form. `now` bounds the needed-by time (it may not lie in the past). */
export const newRequestSchema = (now: number) =>
	z
		.object({
			kindId: z.string().refine((v) => v !== '', 'req_kind_missing'),
			quantity: z.string().transform((v, ctx) => {
				const n = Number(v.trim().replace(',', '.'));
				if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1_000_000) {
					ctx.addIssue({ code: 'custom', message: 'req_quantity_invalid' });
					return z.NEVER;
				}
				return n;
			}),
			incidentId: z
				.string()
				.refine((v) => v === '' || idSchema.safeParse(v).success, 'req_incident_unknown')
				.transform((v) => v || null),
			place: optionalText(120),
			lat: optionalNumber('lat_invalid', -90, 90),
			lon: optionalNumber('lon_invalid', -180, 180),
			priority: z.enum(REQUEST_PRIORITIES, { message: 'req_priority_invalid' }),
			neededBy: z.string().transform((v, ctx) => {
				const at = dushanbeTime(v);
				if (at === undefined) {
					ctx.addIssue({ code: 'custom', message: 'req_needed_by_invalid' });
					return z.NEVER;
				}
				if (at !== null && at.getTime() < now - 60_000) {
					ctx.addIssue({ code: 'custom', message: 'req_needed_by_past' });
					return z.NEVER;
				}
				return at;
			}),
			requesterKind: z.enum(REQUESTER_KINDS, { message: 'req_requester_kind_invalid' }),
			// A district comes from the pick list; a team or an operator is typed.
			district: z.string(),
			requester: text(120),
			note: optionalText(1000)
		})
		.transform((f, ctx) => {
			const requester = f.requesterKind === 'district' ? f.district.trim() : f.requester;
			if (f.requesterKind === 'district' && !isDistrict(requester))
				ctx.addIssue({ code: 'custom', path: ['district'], message: 'req_district_missing' });
			else if (!requester)
				ctx.addIssue({ code: 'custom', path: ['requester'], message: 'req_requester_missing' });
			if ((f.lat === null) !== (f.lon === null))
				ctx.addIssue({
					code: 'custom',
					path: [f.lat === null ? 'lat' : 'lon'],
					message: 'req_lat_lon_pair'
				});
			else if (!f.incidentId && !f.place && f.lat === null)
				ctx.addIssue({ code: 'custom', path: ['place'], message: 'req_where_missing' });
			return { ...f, requester };
		});
export type NewRequestForm = z.output<ReturnType<typeof newRequestSchema>>;

/** A refuse or cancel: the reason is required (the lifecycle ends with it). */
export const reasonSchema = z.object({
	reason: text(1000).refine((v) => v !== '', 'req_reason_missing')
});

/** An approve, en route or delivered step: a note may go with it. */
export const noteSchema = z.object({ reason: optionalText(1000) });

const message = optionalText(1000);

/** Assigning equipment: the chosen resources (checkboxes `resource`). */
export const assignResourcesSchema = z.object({
	resources: z.array(idSchema).min(1, 'req_assign_empty').max(200, 'req_assign_too_many'),
	message
});

/** Assigning a supply: a store and the quantity taken from it. */
export const assignStockSchema = z.object({
	storeId: idSchema.or(z.literal('')).refine((v) => v !== '', 'req_store_missing'),
	quantity: z.coerce
		.number({ message: 'req_quantity_invalid' })
		.positive('req_quantity_invalid')
		.max(1_000_000, 'req_quantity_invalid'),
	message
});

/** The assign form's fields as typed (checkbox values repeat), to send back with a problem. */
export function assignFields(form: FormData) {
	const s = (k: string) => String(form.get(k) ?? '').slice(0, 2000);
	return {
		resources: form.getAll('resource').map((v) => String(v).slice(0, 100)),
		storeId: s('storeId'),
		quantity: s('quantity'),
		message: s('message')
	};
}

/** Every problem of a failed parse, the first per field: shown next to each field. */
export function problemsOf(e: z.ZodError): {
	problems: Record<string, string>;
	problem: string;
	field: string;
} {
	const problems: Record<string, string> = {};
	for (const i of e.issues) {
		const f = String(i.path[0] ?? '');
		problems[f] ??= i.message;
	}
	const first = e.issues[0];
	return { problems, problem: first.message, field: String(first.path[0] ?? '') };
}
