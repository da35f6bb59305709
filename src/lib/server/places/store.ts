/**
 * The EOC's own places (table `place`): jamoats, villages, schools, bridges, gauges and shelters
 * an admin adds at /admin/places, with the other names callers use for them. Validated here (zod,
 * the first bad field named), written with plain SQL; every change tells the place index to
 * rebuild (index.ts), in this instance at once and in the others through NOTIFY.
 */
import { z } from 'zod';
import { ADMIN_PLACE_KINDS, type AdminPlaceKind } from '$lib/places';
import type { Database, Queryable } from '../db/types';
import { placesChanged } from './changes';

/** One place as the admin page lists and edits it. */
export interface AdminPlace {
	id: string;
	name: string;
	altNames: string[];
	kind: AdminPlaceKind;
	lat: number;
	lon: number;
	population: number | null;
	createdBy: string | null;
	createdAt: string;
}

export const PLACE_FIELDS = ['name', 'altNames', 'kind', 'lat', 'lon', 'population'] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

const MAX_ALT_NAMES = 30;

/** "a, b" or one name a line: trimmed, empty ones and repeats dropped. */
export function splitNames(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[,\n;]/)
				.map((s) => s.trim().replace(/\s+/g, ' '))
				.filter((s) => s !== '')
		)
	];
}

const number = (field: string, min: number, max: number) =>
	z.coerce
		.number({ error: `${field} must be a number` })
		.refine(Number.isFinite, `${field} must be a number`)
		.min(min, `${field} must be from ${min} to ${max}`)
		.max(max, `${field} must be from ${min} to ${max}`);

/**
 * A place as a form or an import sends it (strings). `point` ("37.914, 69.784", lat first, as a
 * map app copies it) fills lat and lon when given.
 */
export const placeInput = z
	.object({
		name: z
			.string({ error: 'name is required' })
			.trim()
			.min(1, 'name must not be empty')
			.max(120, 'name: at most 120 characters')
			.transform((s) => s.replace(/\s+/g, ' ')),
		altNames: z
			.string()
			.max(4000, 'altNames: at most 4000 characters')
			.default('')
			.transform(splitNames)
			.refine((a) => a.length <= MAX_ALT_NAMES, `altNames: at most ${MAX_ALT_NAMES} names`)
			.refine((a) => a.every((n) => n.length <= 120), 'altNames: each at most 120 characters'),
		kind: z.enum(ADMIN_PLACE_KINDS, {
			error: `kind must be one of ${ADMIN_PLACE_KINDS.join(', ')}`
		}),
		point: z.string().trim().optional(),
		lat: z.string().trim().optional(),
		lon: z.string().trim().optional(),
		population: z
			.string()
			.trim()
			.optional()
			.transform((s, ctx) => {
				const digits = (s ?? '').replace(/[\s,_]/g, '');
				if (digits === '') return null;
				const n = Number(digits);
				if (!/^\d+$/.test(digits) || n > 50_000_000) {
					ctx.addIssue({ code: 'custom', message: 'population must be a whole number, 0 or more' });
					return z.NEVER;
				}
				return n;
			})
	})
	.transform((p, ctx) => {
		let lat = p.lat ?? '';
		let lon = p.lon ?? '';
		if (p.point) {
			const parts = p.point.split(/[,;\s]+/).filter((s) => s !== '');
			if (parts.length !== 2) {
				ctx.addIssue({ code: 'custom', path: ['lat'], message: 'point: "lat, lon" (two numbers)' });
				return z.NEVER;
			}
			[lat, lon] = parts;
		}
		const la = number('lat', -90, 90).safeParse(lat === '' ? undefined : lat);
		const lo = number('lon', -180, 180).safeParse(lon === '' ? undefined : lon);
		if (!la.success || lat === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['lat'],
				message: la.success ? 'lat is required' : la.error.issues[0].message
			});
			return z.NEVER;
		}
		if (!lo.success || lon === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['lon'],
				message: lo.success ? 'lon is required' : lo.error.issues[0].message
			});
			return z.NEVER;
		}
		return {
			name: p.name,
			altNames: p.altNames.filter((n) => n !== p.name),
			kind: p.kind,
			lat: la.data,
			lon: lo.data,
			population: p.population
		};
	});
export type PlaceInput = z.output<typeof placeInput>;

export type PlaceParse =
	{ ok: true; place: PlaceInput } | { ok: false; field: PlaceField; message: string };

/** A place from a form's fields, or the first bad field and what is wrong with it. */
export function parsePlace(raw: Record<string, string | undefined>): PlaceParse {
	const r = placeInput.safeParse(raw);
	if (r.success) return { ok: true, place: r.data };
	const issue = r.error.issues[0];
	const key = String(issue.path[0] ?? 'name');
	const field = (PLACE_FIELDS as readonly string[]).includes(key) ? (key as PlaceField) : 'lat';
	return { ok: false, field, message: issue.message };
}

const COLUMNS = `id, name, alt_names as "altNames", kind, lat, lon, population,
	created_by as "createdBy", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"`;

export function listPlaces(db: Queryable): Promise<AdminPlace[]> {
	return db.query<AdminPlace>(`select ${COLUMNS} from place order by lower(name), id`);
}

export async function getPlace(db: Queryable, id: string): Promise<AdminPlace | null> {
	const [row] = await db.query<AdminPlace>(`select ${COLUMNS} from place where id = $1`, [id]);
	return row ?? null;
}

const VALUES = (p: PlaceInput) => [
	p.name,
	JSON.stringify(p.altNames),
	p.kind,
	p.lat,
	p.lon,
	p.population
];

/** Adds places (one, or an import's many) in one transaction; returns their ids. */
export async function addPlaces(
	db: Database,
	places: readonly PlaceInput[],
	createdBy: string
): Promise<string[]> {
	const ids = places.map(() => `place-${crypto.randomUUID().slice(0, 13)}`);
	await db.transaction(async (tx) => {
		for (const [i, p] of places.entries()) {
			await tx.query(
				`insert into place (id, name, alt_names, kind, lat, lon, population, created_by)
				 values ($1, $2, ($3::text)::jsonb, $4, $5, $6, $7, $8)`,
				[ids[i], ...VALUES(p), createdBy]
			);
		}
	});
	if (ids.length) await placesChanged(db);
	return ids;
}

export async function updatePlace(db: Queryable, id: string, p: PlaceInput): Promise<boolean> {
	const rows = await db.query(
		`update place set name = $2, alt_names = ($3::text)::jsonb, kind = $4, lat = $5, lon = $6,
		   population = $7 where id = $1 returning id`,
		[id, ...VALUES(p)]
	);
	if (rows.length) await placesChanged(db);
	return rows.length > 0;
}

export async function deletePlace(db: Queryable, id: string): Promise<boolean> {
	const rows = await db.query(`delete from place where id = $1 returning id`, [id]);
	if (rows.length) await placesChanged(db);
	return rows.length > 0;
}
