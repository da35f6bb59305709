/**
 * The OASIS CAP 1.2 alert message (CAP-v1.2-os §3.2) as a validator over what fast-xml-parser
 * reads from it: every value a string, repeatable elements arrays. Required elements, closed
 * vocabularies, date-times and area shapes are checked here, so a rejection names the element
 * (`info[0].area[1].polygon[0]: …`). Unknown elements are ignored, as CAP allows extension.
 */
import { z } from 'zod';
import { ID_PATTERN, parseIsoTimestamp } from '../common';
import { capCircle, capPolygon } from './geometry';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
/** The info parameter that ties an Exercise alert to its drill (the drill engine sets it). */
export const EXERCISE_PARAMETER = 'eocwall:exercise';

export const CAP_STATUS = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPE = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPE = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORY = [
	'Geo',
	'Met',
	'Safety',
	'Security',
	'Rescue',
	'Fire',
	'Health',
	'Env',
	'Transport',
	'Infra',
	'CBRNE',
	'Other'
] as const;
export const CAP_RESPONSE_TYPE = [
	'Shelter',
	'Evacuate',
	'Prepare',
	'Execute',
	'Avoid',
	'Monitor',
	'Assess',
	'AllClear',
	'None'
] as const;
export const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITY)[number];

/** Identifiers and senders: no spaces, commas, `<` or `&` (CAP 1.2 §3.2.1), bounded for storage. */
const capId = z
	.string()
	.min(1, 'is empty')
	.max(256, 'is longer than 256 characters')
	.regex(/^[^\s,<&]+$/, 'must not contain spaces, commas, < or &');
const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);
const required = (max: number) => text(max).min(1, 'is empty');

/** A CAP date-time (CAP 1.2 §3.3.2: with a zone offset) → ISO 8601 UTC. */
const capTime = z.string().transform((value, ctx) => {
	const date = parseIsoTimestamp(value.trim());
	if (date) return date.toISOString();
	ctx.issues.push({
		code: 'custom',
		input: value,
		message: `"${value.slice(0, 40)}" is not a date-time with a zone offset`
	});
	return z.NEVER;
});

/** Whitespace-separated values of one element (addresses, references, incidents). */
const words = (value: string) => value.trim().split(/\s+/).filter(Boolean);

const valuePair = z.object({ valueName: text(256), value: text(4096) });

const areaSchema = z
	.object({
		areaDesc: required(1000),
		polygon: z.array(z.string()).default([]),
		circle: z.array(z.string()).default([]),
		geocode: z.array(valuePair).default([]),
		altitude: z.string().optional(),
		ceiling: z.string().optional()
	})
	.transform((a, ctx) => {
		const rings: [number, number][][] = [];
		const circles: { center: [number, number]; radiusKm: number }[] = [];
		a.polygon.forEach((p, i) => {
			try {
				rings.push(capPolygon(p));
			} catch (e) {
				ctx.issues.push({
					code: 'custom',
					input: p,
					path: ['polygon', i],
					message: String(e).replace(/^Error: /, '')
				});
			}
		});
		a.circle.forEach((c, i) => {
			try {
				const { ring, center, radiusKm } = capCircle(c);
				rings.push(ring);
				circles.push({ center, radiusKm });
			} catch (e) {
				ctx.issues.push({
					code: 'custom',
					input: c,
					path: ['circle', i],
					message: String(e).replace(/^Error: /, '')
				});
			}
		});
		return {
			areaDesc: a.areaDesc,
			polygons: a.polygon.map((p) => p.trim()),
			circles: a.circle.map((c) => c.trim()),
			geocodes: a.geocode,
			/** Polygons and circles together; null when the area is given by geocodes only. */
			geometry:
				rings.length === 0
					? null
					: ({ type: 'MultiPolygon', coordinates: rings.map((r) => [r]) } as GeoJSON.MultiPolygon)
		};
	});

const infoSchema = z.object({
	language: text(35).default('en-US'),
	category: z.array(z.enum(CAP_CATEGORY)).min(1, 'at least one category is required'),
	event: required(1000),
	responseType: z.array(z.enum(CAP_RESPONSE_TYPE)).default([]),
	urgency: z.enum(CAP_URGENCY),
	severity: z.enum(CAP_SEVERITY),
	certainty: z.enum(CAP_CERTAINTY),
	audience: text(1000).optional(),
	eventCode: z.array(valuePair).default([]),
	effective: capTime.optional(),
	onset: capTime.optional(),
	expires: capTime.optional(),
	senderName: text(1000).optional(),
	headline: text(1000).optional(),
	description: text(32_000).optional(),
	instruction: text(32_000).optional(),
	web: text(2000).optional(),
	contact: text(1000).optional(),
	parameter: z.array(valuePair).default([]),
	area: z.array(areaSchema).default([])
});

/** One entry of `references`: "sender,identifier,sent" (CAP 1.2 §3.2.1). */
const referencesSchema = z.string().transform((value, ctx) => {
	const out: { sender: string; identifier: string; sent: string }[] = [];
	for (const ref of words(value)) {
		const parts = ref.split(',');
		const sent = parts.length === 3 ? parseIsoTimestamp(parts[2]) : null;
		if (!sent || !parts[0] || !parts[1]) {
			ctx.issues.push({
				code: 'custom',
				input: ref,
				message: `"${ref.slice(0, 80)}" is not "sender,identifier,sent"`
			});
			return z.NEVER;
		}
		out.push({ sender: parts[0], identifier: parts[1], sent: sent.toISOString() });
	}
	return out;
});

export const capAlertSchema = z
	.object({
		identifier: capId,
		sender: capId,
		sent: capTime,
		status: z.enum(CAP_STATUS),
		msgType: z.enum(CAP_MSG_TYPE),
		source: text(1000).optional(),
		scope: z.enum(CAP_SCOPE),
		restriction: text(1000).optional(),
		addresses: text(4000).optional(),
		code: z.array(text(256)).default([]),
		note: text(4000).optional(),
		references: referencesSchema.optional(),
		incidents: text(4000).optional(),
		info: z.array(infoSchema).default([])
	})
	.superRefine((a, ctx) => {
		// CAP 1.2 §3.2.1: restriction is used when scope is Restricted; addresses when Private.
		if (a.scope === 'Restricted' && !a.restriction)
			ctx.addIssue({
				code: 'custom',
				path: ['restriction'],
				message: 'is required when scope is Restricted'
			});
		if (a.scope === 'Private' && !a.addresses)
			ctx.addIssue({
				code: 'custom',
				path: ['addresses'],
				message: 'is required when scope is Private'
			});
		if ((a.msgType === 'Update' || a.msgType === 'Cancel') && !a.references?.length)
			ctx.addIssue({
				code: 'custom',
				path: ['references'],
				message: `is required for msgType ${a.msgType}`
			});
		for (const [i, info] of a.info.entries()) {
			for (const [j, p] of info.parameter.entries()) {
				if (p.valueName === EXERCISE_PARAMETER && !ID_PATTERN.test(p.value))
					ctx.addIssue({
						code: 'custom',
						path: ['info', i, 'parameter', j, 'value'],
						message: 'exercise id must be 1-64 characters from [A-Za-z0-9_-]'
					});
			}
		}
	});

export type CapAlert = z.output<typeof capAlertSchema>;
export type CapInfo = CapAlert['info'][number];
export type CapArea = CapInfo['area'][number];
export type CapReference = NonNullable<CapAlert['references']>[number];
