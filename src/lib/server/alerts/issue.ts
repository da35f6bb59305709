/**
 * The EOC's own CAP alerts: an operator's form becomes a CAP 1.2 alert (written by buildCap, then
 * read back by the same validator as any other), with its area from an incident (a circle around
 * it, and its reported area) or from a polygon typed in CAP's "lat,lon lat,lon …".
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
	buildCap,
	capPolygon,
	CAP_CERTAINTY,
	CAP_SEVERITY,
	CAP_URGENCY,
	EXERCISE_PARAMETER,
	exerciseOf,
	ringToCap,
	type CapAlert
} from '$lib/contracts';

/** What an alert needs of an incident: where it is, and the area it was reported with. */
export interface IncidentPlace {
	title: string;
	lat: number;
	lon: number;
	area: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
}

export const issueSchema = z
	.object({
		headline: z.string().trim().min(1, 'alert_headline_missing').max(160, 'alert_text_long'),
		event: z.string().trim().min(1, 'alert_event_missing').max(100, 'alert_text_long'),
		severity: z.enum(CAP_SEVERITY),
		urgency: z.enum(CAP_URGENCY),
		certainty: z.enum(CAP_CERTAINTY),
		instruction: z.string().trim().max(2000, 'alert_text_long').default(''),
		incidentId: z.string().trim().max(64).default(''),
		radiusKm: z.coerce
			.number()
			.min(0.1, 'alert_radius_range')
			.max(100, 'alert_radius_range')
			.default(2),
		polygon: z.string().trim().max(20_000, 'alert_text_long').default(''),
		expiresHours: z.coerce
			.number()
			.int('alert_expires_range')
			.min(1, 'alert_expires_range')
			.max(168, 'alert_expires_range')
	})
	.superRefine((f, ctx) => {
		if (!f.incidentId && !f.polygon)
			ctx.addIssue({ code: 'custom', path: ['polygon'], message: 'alert_area_missing' });
		if (f.polygon) {
			try {
				capPolygon(f.polygon);
			} catch (e) {
				ctx.addIssue({
					code: 'custom',
					path: ['polygon'],
					message: 'alert_polygon_bad',
					params: { detail: (e as Error).message }
				});
			}
		}
	});
export type IssueForm = z.output<typeof issueSchema>;
export const ISSUE_FIELDS = [
	'headline',
	'event',
	'severity',
	'urgency',
	'certainty',
	'instruction',
	'incidentId',
	'radiusKm',
	'polygon',
	'expiresHours'
] as const;

/** CAP `sender` of the EOC's alerts: eoc@ the host it is served from. */
export function eocSender(origin: string | undefined): string {
	const host = origin ? new URL(origin).hostname : 'eocwall.local';
	return `eoc@${host}`;
}

/** A new identifier: date, time and randomness, no spaces or commas (CAP 1.2 §3.2.1). */
export function newIdentifier(now: Date): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
	return `eocwall-${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * CAP of the picture an alert is issued in: real alerts are `Actual`; a drill's are `Exercise`
 * (CAP 1.2 §3.2.1 status) with the drill named in `note` (the element CAP meant for Exercise
 * messages, for people) and in the `eocwall:exercise` info parameter (for machines: the ingest
 * files the alert under that drill, docs/interop.md).
 */
export function pictureOf(exercise: string | null) {
	return exercise === null
		? { status: 'Actual' as const, head: {}, parameter: [] }
		: {
				status: 'Exercise' as const,
				head: { note: `Exercise ${exercise}. This is a drill, not a real alert.` },
				parameter: [{ valueName: EXERCISE_PARAMETER, value: exercise }]
			};
}

export function issuedAlert(
	form: IssueForm,
	incident: IncidentPlace | null,
	opts: { sender: string; eocName: string; now: Date; exercise: string | null }
): CapAlert {
	const picture = pictureOf(opts.exercise);
	const area: CapAlert['info'][number]['area'] = [];
	if (incident) {
		const rings =
			incident.area === null
				? []
				: incident.area.type === 'Polygon'
					? [incident.area.coordinates[0]]
					: incident.area.coordinates.map((p) => p[0]);
		area.push({
			areaDesc: incident.title,
			polygons: rings.map(ringToCap),
			circles: [`${incident.lat.toFixed(6)},${incident.lon.toFixed(6)} ${form.radiusKm}`],
			geocodes: [],
			geometry: null
		});
	}
	if (form.polygon)
		area.push({
			areaDesc: form.headline,
			polygons: [form.polygon.split(/\s+/).join(' ')],
			circles: [],
			geocodes: [],
			geometry: null
		});
	const sent = new Date(Math.floor(opts.now.getTime() / 1000) * 1000).toISOString();
	return {
		identifier: newIdentifier(opts.now),
		sender: opts.sender,
		sent,
		status: picture.status,
		msgType: 'Alert',
		scope: 'Public',
		code: [],
		...picture.head,
		info: [
			{
				language: 'en-US',
				category: ['Geo', 'Met'],
				event: form.event,
				responseType: [],
				urgency: form.urgency,
				severity: form.severity,
				certainty: form.certainty,
				eventCode: [],
				expires: new Date(Date.parse(sent) + form.expiresHours * 3600_000).toISOString(),
				senderName: opts.eocName,
				headline: form.headline,
				...(form.instruction ? { instruction: form.instruction } : {}),
				parameter: picture.parameter,
				area
			}
		]
	};
}

/**
 * A Cancel of an alert the EOC issued (CAP 1.2: msgType Cancel, references the original), in the
 * original's picture: a drill's Cancel is `Exercise` and names the drill like its alert (one info
 * block, the original's first, carrying the parameter), since a Cancel replaces only an alert of
 * its own sender and picture.
 */
export function cancelOf(original: CapAlert, opts: { now: Date }): CapAlert {
	const exercise = exerciseOf(original);
	const picture = pictureOf(exercise);
	const [first] = original.info;
	return {
		identifier: newIdentifier(opts.now),
		sender: original.sender,
		sent: new Date(Math.floor(opts.now.getTime() / 1000) * 1000).toISOString(),
		status: exercise === null ? original.status : picture.status,
		msgType: 'Cancel',
		scope: original.scope,
		code: [],
		...picture.head,
		references: [{ sender: original.sender, identifier: original.identifier, sent: original.sent }],
		info:
			exercise === null || !first
				? []
				: [
						{
							...first,
							responseType: ['AllClear'],
							parameter: picture.parameter,
							area: []
						}
					]
	};
}

export const xmlOf = (alert: CapAlert) => new TextEncoder().encode(buildCap(alert));
