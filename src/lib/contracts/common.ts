/**
 * Building blocks shared by every MQTT v1 payload (docs/design.md "The MQTT interface").
 * Objects strip unknown keys (zod's default), because the contract says unknown fields are
 * ignored; everything else that is wrong is a rejection with a reason.
 */
import { z } from 'zod';
import { ID_PATTERN } from './vocabulary';

export { ID_PATTERN };
/** Open vocabularies (sensor kind, hazard kind): lower snake case, so new kinds need no release. */
export const KIND_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const idSchema = z
	.string()
	.regex(ID_PATTERN, 'expected an id of 1-64 characters from [A-Za-z0-9_-]');
export const kindSchema = z
	.string()
	.regex(KIND_PATTERN, 'expected a kind matching ^[a-z][a-z0-9_]{0,63}$');

/** Unique per sender: the second half of the dedup key. */
export const msgIdSchema = z.string().min(1).max(128);

// YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or an offset (±HH:MM, ±HHMM, ±HH). A zone is
// mandatory: a local time without one is ambiguous by five hours in Dushanbe.
const ISO_RE =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
// The range a JS Date can hold (ECMA-262 §21.4.1.1).
const MAX_EPOCH_MS = 8.64e15;
/**
 * Nothing the EOC handles happened before 2000: an earlier ts is a device whose clock was never
 * set (epoch 0 after a reset), and PostgreSQL cannot store the far past JS allows anyway.
 */
export const MIN_TS_MS = Date.UTC(2000, 0, 1);
/** Upper bound for counts of people and houses: far above any event, inside a 32-bit int. */
export const MAX_COUNT = 10_000_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Parses an ISO 8601 date-time that carries `Z` or an offset; null when it is not one. */
export function parseIsoTimestamp(text: string): Date | null {
	const m = ISO_RE.exec(text);
	if (!m) return null;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	const hour = Number(m[4]);
	const minute = Number(m[5]);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	let offsetMin = 0;
	if (m[8] === undefined) {
		const oh = Number(m[10]);
		const om = m[11] === undefined ? 0 : Number(m[11]);
		if (oh > 23 || om > 59) return null;
		offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
	}
	const t = utcMs(year, month, day, hour, minute, second, ms) - offsetMin * 60_000;
	return Number.isFinite(t) && Math.abs(t) <= MAX_EPOCH_MS ? new Date(t) : null;
}

/** Epoch ms of a UTC calendar time; Date.UTC maps years 0-99 to 1900-1999, setUTCFullYear not. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
	if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d);
	date.setUTCHours(h, mi, s, ms);
	return date.getTime();
}

/**
 * `ts` (when it happened): an ISO 8601 string with `Z` or an offset, or integer epoch
 * milliseconds. Parsed to a Date; anything else (no zone, NaN, out of range) is rejected.
 */
export const tsSchema = z.union([z.string(), z.number()]).transform((value, ctx): Date => {
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value) && value >= MIN_TS_MS && value <= MAX_EPOCH_MS) {
			return new Date(value);
		}
		ctx.issues.push({
			code: 'custom',
			input: value,
			message: 'expected integer epoch milliseconds from 2000-01-01 (is the device clock set?)'
		});
		return z.NEVER;
	}
	const date = parseIsoTimestamp(value);
	if (date && date.getTime() >= MIN_TS_MS) return date;
	if (date) {
		ctx.issues.push({
			code: 'custom',
			input: value,
			message: `${date.toISOString()} is before 2000-01-01: is the device clock set?`
		});
		return z.NEVER;
	}
	ctx.issues.push({
		code: 'custom',
		input: value,
		message: `expected ISO 8601 date-time with Z or an offset, got "${value.slice(0, 40)}"`
	});
	return z.NEVER;
});

/**
 * `exercise`: the id of the drill that produced the message; absent (or null) for real traffic.
 * null is taken as absent rather than rejected: a real report must never be lost over it.
 */
export const exerciseSchema = z
	.string()
	.regex(ID_PATTERN, 'expected an exercise id of 1-64 characters from [A-Za-z0-9_-]')
	.nullish()
	.transform((v) => v ?? null);

/** The fields every payload carries; spread into each payload object. */
export const envelopeShape = {
	msgId: msgIdSchema,
	ts: tsSchema,
	exercise: exerciseSchema
};

// z.number() already rejects NaN and ±Infinity in zod 4; JSON cannot carry them anyway.
export const latSchema = z.number().min(-90).max(90);
export const lonSchema = z.number().min(-180).max(180);
export const nonNegativeSchema = z.number().min(0);
export const countSchema = z.int().min(0).max(MAX_COUNT);
export const severitySchema = z.int().min(1).max(5);

/**
 * A GeoJSON position (RFC 7946 §3.1.1): [lon, lat] with an optional altitude, all finite,
 * lon in [-180,180], lat in [-90,90].
 */
export const positionCoordsSchema = z
	.array(z.number())
	.min(2, 'expected a position [lon, lat] or [lon, lat, altitude]')
	.max(3, 'expected a position [lon, lat] or [lon, lat, altitude]')
	.superRefine((p, ctx) => {
		if (p[0] < -180 || p[0] > 180)
			ctx.addIssue({ code: 'custom', path: [0], message: 'longitude outside [-180, 180]' });
		if (p[1] < -90 || p[1] > 90)
			ctx.addIssue({ code: 'custom', path: [1], message: 'latitude outside [-90, 90]' });
	});

function samePosition(a: number[], b: number[]): boolean {
	return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A linear ring (RFC 7946 §3.1.6): at least 4 positions, the first equal to the last. */
export const linearRingSchema = z
	.array(positionCoordsSchema)
	.min(4, 'expected a linear ring of at least 4 positions')
	.refine((ring) => samePosition(ring[0], ring[ring.length - 1]), {
		message: 'linear ring is not closed: the first and last positions differ'
	});

export const polygonSchema = z.object({
	type: z.literal('Polygon'),
	coordinates: z.array(linearRingSchema).min(1, 'expected at least one linear ring')
});
export const multiPolygonSchema = z.object({
	type: z.literal('MultiPolygon'),
	coordinates: z
		.array(z.array(linearRingSchema).min(1, 'expected at least one linear ring'))
		.min(1, 'expected at least one polygon')
});
/** An area: GeoJSON Polygon or MultiPolygon. */
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** Casualties in a report: each count optional, defaulting to 0. */
export const casualtiesSchema = z.object({
	dead: countSchema.default(0),
	injured: countSchema.default(0),
	missing: countSchema.default(0),
	trapped: countSchema.default(0)
});
/** Affected population in a report: each count optional, defaulting to 0. */
export const affectedSchema = z.object({
	people: countSchema.default(0),
	households: countSchema.default(0)
});

/**
 * In an update the counts are a patch: a key that is absent stays as it was. Defaulting it to 0
 * would let "injured: 5" silently erase a known death toll.
 */
export const casualtiesPatchSchema = z
	.object({
		dead: countSchema.optional(),
		injured: countSchema.optional(),
		missing: countSchema.optional(),
		trapped: countSchema.optional()
	})
	.refine((c) => Object.values(c).some((v) => v !== undefined), {
		message: 'expected at least one of dead, injured, missing, trapped'
	});
export const affectedPatchSchema = z
	.object({ people: countSchema.optional(), households: countSchema.optional() })
	.refine((a) => a.people !== undefined || a.households !== undefined, {
		message: 'expected at least one of people, households'
	});

export type AreaGeometry = z.output<typeof areaGeometrySchema>;
export type Casualties = z.output<typeof casualtiesSchema>;
export type Affected = z.output<typeof affectedSchema>;
export type CasualtiesPatch = z.output<typeof casualtiesPatchSchema>;
export type AffectedPatch = z.output<typeof affectedPatchSchema>;

/** Half a coordinate is no place: both `lat` and `lon`, or neither (a zod superRefine step). */
export function latLonTogether(
	s: { lat?: number; lon?: number },
	ctx: { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void }
): void {
	if ((s.lat === undefined) !== (s.lon === undefined)) {
		const missing = s.lat === undefined ? 'lat' : 'lon';
		ctx.addIssue({
			code: 'custom',
			path: [missing],
			message: `lat and lon go together: ${missing} is missing`
		});
	}
}
