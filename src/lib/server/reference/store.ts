/**
 * Reference layers in the database: import (validate, then replace the layer as a unit), list and
 * read. Takes the file's text, not a path, so the CLI and a future upload form share it.
 */
import { z } from 'zod';
import {
	REFERENCE_KINDS,
	type ReferenceKind,
	type ReferenceStyle,
	type ReferenceSummary
} from '$lib/reference/types';
import { iso } from '../db/bulk';
import type { Queryable } from '../db/types';
import { placesChanged } from '../places/changes';
import { bboxOf, ReferenceFileError, parseReferenceFile, type ReferenceFormat } from './validate';

export { ReferenceFileError } from './validate';

const HEX = /^#[0-9a-fA-F]{6}$/;

export const importRequest = z.object({
	id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'id: 1–64 lower-case letters, digits, _ or -'),
	name: z.string().trim().min(1, 'name must not be empty').max(200, 'name: at most 200 characters'),
	kind: z.enum(REFERENCE_KINDS, { message: `kind must be one of ${REFERENCE_KINDS.join(', ')}` }),
	labelField: z.string().min(1).max(100).optional(),
	color: z.string().regex(HEX, 'color must look like #1a2b3c').optional(),
	attribution: z.string().trim().min(1).max(200, 'attribution: at most 200 characters').optional(),
	source: z.string().max(500).optional(),
	sortOrder: z.number().int().optional()
});
export type ImportRequest = z.input<typeof importRequest>;

export interface ImportResult {
	id: string;
	kind: ReferenceKind;
	format: ReferenceFormat;
	featureCount: number;
	dropped: number;
	bbox: [number, number, number, number];
	bytes: number;
	replaced: boolean;
}

/** Drawn under each other in this order unless the import says otherwise. */
const KIND_ORDER: Record<ReferenceKind, number> = {
	boundary: 10,
	other: 20,
	river: 30,
	road: 40,
	settlement: 50
};

/**
 * Validates the request and the file, then writes the layer in one statement: a re-import with
 * the same id replaces it whole. Throws ReferenceFileError with every problem named.
 */
export async function importReference(
	db: Queryable,
	request: ImportRequest,
	text: string,
	fileName = ''
): Promise<ImportResult> {
	const req = importRequest.safeParse(request);
	if (!req.success) throw new ReferenceFileError(req.error.issues.map((i) => i.message));
	const { id, name, kind, labelField, color, attribution, source, sortOrder } = req.data;
	const parsed = parseReferenceFile(text, fileName);
	if (labelField && !parsed.data.features.some((f) => f.properties?.[labelField] !== undefined)) {
		const keys = Object.keys(parsed.data.features[0].properties ?? {}).slice(0, 12);
		throw new ReferenceFileError([
			`label field "${labelField}" is on no feature; properties are: ${keys.join(', ') || '(none)'}`
		]);
	}
	const style: ReferenceStyle = {
		...(color ? { color } : {}),
		...(labelField ? { labelField } : {}),
		...(attribution ? { attribution } : {})
	};
	const bbox = bboxOf(parsed.data);
	const data = JSON.stringify(parsed.data);
	const [row] = await db.query<{ replaced: boolean }>(
		`insert into reference_layer (id, name, kind, style, data, feature_count, bbox, source, sort_order, updated_at)
		 values ($1, $2, $3, ($4::text)::jsonb, ($5::text)::jsonb, $6, ($7::text)::jsonb, $8, $9, now())
		 on conflict (id) do update set name = excluded.name, kind = excluded.kind, style = excluded.style,
		   data = excluded.data, feature_count = excluded.feature_count, bbox = excluded.bbox,
		   source = excluded.source, sort_order = excluded.sort_order, updated_at = now()
		 returning (xmax <> 0) as replaced`,
		[
			id,
			name,
			kind,
			JSON.stringify(style),
			data,
			parsed.data.features.length,
			JSON.stringify(bbox),
			source ?? (fileName || null),
			sortOrder ?? KIND_ORDER[kind]
		]
	);
	await placesChanged(db); // its named features are searched as places
	return {
		id,
		kind,
		format: parsed.format,
		featureCount: parsed.data.features.length,
		dropped: parsed.dropped,
		bbox,
		bytes: Buffer.byteLength(data),
		replaced: row.replaced
	};
}

const SUMMARY_COLUMNS = `id, name, kind, style, feature_count as "featureCount", bbox,
	${iso('updated_at')} as "updatedAt"`;

/** Every layer without its features, bottom first. */
export function listReferences(db: Queryable): Promise<ReferenceSummary[]> {
	return db.query<ReferenceSummary>(
		`select ${SUMMARY_COLUMNS} from reference_layer order by sort_order, id`
	);
}

/** One layer's summary and its FeatureCollection as stored (text, not re-serialised). */
export async function readReference(
	db: Queryable,
	id: string
): Promise<{ summary: ReferenceSummary; geojson: string } | null> {
	const [row] = await db.query<ReferenceSummary & { geojson: string }>(
		`select ${SUMMARY_COLUMNS}, data::text as geojson from reference_layer where id = $1`,
		[id]
	);
	if (!row) return null;
	const { geojson, ...summary } = row;
	return { summary, geojson };
}

export async function deleteReference(db: Queryable, id: string): Promise<boolean> {
	const rows = await db.query(`delete from reference_layer where id = $1 returning id`, [id]);
	if (rows.length) await placesChanged(db);
	return rows.length > 0;
}
