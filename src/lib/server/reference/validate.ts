/**
 * Reading a reference-layer file (GeoJSON or KML) into a checked FeatureCollection. Pure: no
 * database, no file system, so the CLI and the admin upload page (auth issue) share it. Every
 * rejection says what is wrong and where (`features[12].geometry: ...`).
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { z } from 'zod';

/** Limits that keep one layer drawable on the wall and storable as one jsonb value. */
export const MAX_LAYER_BYTES = 32 * 1024 * 1024;
export const MAX_LAYER_FEATURES = 50_000;

export class ReferenceFileError extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
		this.name = 'ReferenceFileError';
	}
}

const lon = z
	.number({ message: 'longitude must be a number' })
	.min(-180, 'longitude must be between -180 and 180')
	.max(180, 'longitude must be between -180 and 180');
const lat = z
	.number({ message: 'latitude must be a number' })
	.min(-90, 'latitude must be between -90 and 90')
	.max(90, 'latitude must be between -90 and 90');
const position = z
	.array(z.number())
	.min(2, 'a position needs longitude and latitude')
	.max(4, 'a position has at most 4 numbers')
	.superRefine((p, ctx) => {
		for (const [i, schema] of [lon, lat].entries()) {
			const r = schema.safeParse(p[i]);
			if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0].message });
		}
	});
const line = z.array(position).min(2, 'a line needs at least 2 positions');
const ring = z
	.array(position)
	.min(4, 'a polygon ring needs at least 4 positions')
	.refine((r) => r.length < 4 || (r[0][0] === r.at(-1)![0] && r[0][1] === r.at(-1)![1]), {
		message: 'a polygon ring must end where it starts'
	});
const polygon = z.array(ring).min(1, 'a polygon needs at least one ring');

type Geometry = GeoJSON.Geometry;
const geometry: z.ZodType<Geometry> = z.lazy(() =>
	z.discriminatedUnion(
		'type',
		[
			z.object({ type: z.literal('Point'), coordinates: position }),
			z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
			z.object({ type: z.literal('LineString'), coordinates: line }),
			z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line) }),
			z.object({ type: z.literal('Polygon'), coordinates: polygon }),
			z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon) }),
			z.object({ type: z.literal('GeometryCollection'), geometries: z.array(geometry) })
		],
		{
			message:
				'geometry type must be Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection'
		}
	)
) as z.ZodType<Geometry>;

const feature = z.object({
	type: z.literal('Feature', { message: 'each feature must have "type": "Feature"' }),
	id: z.union([z.string(), z.number()]).optional(),
	// null geometries are legal GeoJSON (a KML placemark with only a name); they are dropped.
	geometry: geometry.nullable(),
	properties: z.record(z.string(), z.unknown()).nullable().optional()
});

const collection = z.object({
	type: z.literal('FeatureCollection', {
		message: 'not a FeatureCollection: the top-level "type" must be "FeatureCollection"'
	}),
	features: z.array(z.unknown(), { message: 'a FeatureCollection needs a "features" array' })
});

export type ReferenceFormat = 'geojson' | 'kml';

/** By file name first, by content when the name says nothing. */
export function detectFormat(fileName: string, text: string): ReferenceFormat {
	const name = fileName.toLowerCase();
	if (name.endsWith('.kml')) return 'kml';
	if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
	return text.trimStart().startsWith('<') ? 'kml' : 'geojson';
}

const where = (path: readonly PropertyKey[]) =>
	path.reduce<string>(
		(s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
		''
	);

function fromKml(text: string): unknown {
	const problems: string[] = [];
	let doc;
	try {
		doc = new DOMParser({
			onError: (level, message) => {
				if (level !== 'warning') problems.push(message.trim());
			}
		}).parseFromString(text, 'text/xml');
	} catch (e) {
		// xmldom throws on a fatal error after reporting it.
		if (!problems.length) problems.push((e as Error).message);
	}
	if (problems.length || !doc) {
		throw new ReferenceFileError([`not valid KML (XML error: ${problems[0]?.split('\n')[0]})`]);
	}
	if (!doc.documentElement || doc.documentElement.nodeName.toLowerCase() !== 'kml') {
		throw new ReferenceFileError(['not KML: the root element is not <kml>']);
	}
	return kml(doc as unknown as Document);
}

function fromGeoJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new ReferenceFileError([
			`not GeoJSON: the file is not valid JSON (${(e as Error).message})`
		]);
	}
}

export interface ParsedReference {
	data: GeoJSON.FeatureCollection;
	format: ReferenceFormat;
	/** Features without a geometry (KML placemarks with only a name), left out. */
	dropped: number;
}

/** Most problems listed in one error: enough to fix a file, not a wall of text. */
const MAX_PROBLEMS = 8;

/**
 * The file as a FeatureCollection of valid features, or a ReferenceFileError naming what is wrong:
 * not GeoJSON/KML, not a FeatureCollection, empty, bad geometry (with the feature's index), too big.
 */
export function parseReferenceFile(text: string, fileName = ''): ParsedReference {
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > MAX_LAYER_BYTES) {
		throw new ReferenceFileError([
			`too big: ${(bytes / 1048576).toFixed(1)} MiB, the limit is ${MAX_LAYER_BYTES / 1048576} MiB (simplify the geometry or split the layer)`
		]);
	}
	if (text.trim() === '') throw new ReferenceFileError(['empty file']);
	const format = detectFormat(fileName, text);
	const raw = format === 'kml' ? fromKml(text) : fromGeoJson(text);

	const top = collection.safeParse(raw);
	if (!top.success) {
		const type = (raw as { type?: unknown } | null)?.type;
		const hint = typeof type === 'string' ? ` (this file's is "${type}")` : '';
		throw new ReferenceFileError([top.error.issues[0].message + hint]);
	}
	const items = top.data.features;
	if (items.length > MAX_LAYER_FEATURES) {
		throw new ReferenceFileError([
			`too big: ${items.length} features, the limit is ${MAX_LAYER_FEATURES}`
		]);
	}
	const problems: string[] = [];
	const features: GeoJSON.Feature[] = [];
	let dropped = 0;
	items.forEach((item, i) => {
		const r = feature.safeParse(item);
		if (!r.success) {
			for (const issue of r.error.issues) {
				if (problems.length >= MAX_PROBLEMS) return;
				const at = where(['features', i, ...issue.path]);
				problems.push(`${at}: ${issue.message}`);
			}
			return;
		}
		if (r.data.geometry === null) {
			dropped++;
			return;
		}
		features.push({
			type: 'Feature',
			...(r.data.id === undefined ? {} : { id: r.data.id }),
			geometry: r.data.geometry,
			properties: r.data.properties ?? {}
		});
	});
	if (problems.length) {
		const more = problems.length >= MAX_PROBLEMS ? ['(further problems not listed)'] : [];
		throw new ReferenceFileError(['bad features:', ...problems, ...more]);
	}
	if (features.length === 0) {
		throw new ReferenceFileError([
			dropped
				? `empty: none of the ${dropped} features has a geometry`
				: 'empty: the FeatureCollection has no features'
		]);
	}
	return { data: { type: 'FeatureCollection', features }, format, dropped };
}

/** [west, south, east, north] over every position of the collection. */
export function bboxOf(fc: GeoJSON.FeatureCollection): [number, number, number, number] {
	const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown): void => {
		if (!Array.isArray(c)) return;
		if (typeof c[0] === 'number') {
			box[0] = Math.min(box[0], c[0]);
			box[1] = Math.min(box[1], c[1] as number);
			box[2] = Math.max(box[2], c[0]);
			box[3] = Math.max(box[3], c[1] as number);
			return;
		}
		for (const x of c) visit(x);
	};
	const geom = (g: GeoJSON.Geometry): void =>
		g.type === 'GeometryCollection' ? g.geometries.forEach(geom) : visit(g.coordinates);
	for (const f of fc.features) if (f.geometry) geom(f.geometry);
	return box;
}
