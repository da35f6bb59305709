/**
 * Where a contact is, from a district's or jamoat's name: found with the app's place search (the
 * gazetteer, the admin's places, the reference layers' named features: the same resolvePlace a
 * warning's places go through), then drawn as the admin boundary when the place is a feature of
 * a boundary layer that has its outline, else as a circle around the place: a district's wider
 * than a jamoat's, since a jamoat's seat stands for a few villages and a district's for a valley.
 */
import { capCircle } from '$lib/contracts';
import type { Bbox } from '$lib/live/area';
import type { PlaceResult } from '$lib/places';
import { placeIndex } from '../places/index';
import type { Indexed } from '../places/search';
import { readSettings } from '../settings/store';
import { resolvePlace } from '../warnings/area';
import type { Database, Queryable } from '../db/types';
import type { ContactLookup, ResolvedArea } from './fields';

/** The circles drawn when a place has no outline (km). */
export const DISTRICT_RADIUS_KM = 12;
export const JAMOAT_RADIUS_KM = 4;

const DISTRICT_KINDS = new Set(['capital', 'region-centre', 'district-centre', 'boundary']);

type Outline = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** The outlines of the boundary layers' features, by their place id (`layer:<layer>:<feature>`). */
async function boundaryOutlines(q: Queryable): Promise<Map<string, Outline>> {
	const rows = await q.query<{ id: string; data: unknown }>(
		`select id, data from reference_layer where kind = 'boundary'`
	);
	const out = new Map<string, Outline>();
	for (const r of rows) {
		const data = (
			typeof r.data === 'string' ? JSON.parse(r.data) : r.data
		) as GeoJSON.FeatureCollection;
		for (const [i, f] of (data.features ?? []).entries()) {
			const g = f.geometry;
			if (g?.type === 'Polygon' || g?.type === 'MultiPolygon')
				out.set(`layer:${r.id}:${f.id ?? i}`, g);
		}
	}
	return out;
}

/** The area of a place found: its outline, else a circle of the kind's radius. */
export function areaOfPlace(
	p: PlaceResult,
	kind: 'district' | 'jamoat' | null,
	outlines: ReadonlyMap<string, Outline>
): ResolvedArea {
	const k = kind ?? (DISTRICT_KINDS.has(p.kind) ? 'district' : 'jamoat');
	const outline = outlines.get(p.id);
	if (outline) return { kind: k, label: p.name, area: outline };
	const radius = k === 'district' ? DISTRICT_RADIUS_KM : JAMOAT_RADIUS_KM;
	const { ring } = capCircle(`${p.lat.toFixed(6)},${p.lon.toFixed(6)} ${radius}`);
	return { kind: k, label: p.name, area: { type: 'Polygon', coordinates: [ring] } };
}

/** What checking a contact needs of the database: the place index, outlines, the teams. */
export async function contactLookup(
	db: Database,
	opts: { anyGroup: boolean }
): Promise<ContactLookup> {
	const [index, settings, outlines, teams] = await Promise.all([
		placeIndex(db),
		readSettings(db),
		boundaryOutlines(db),
		db.query<{ id: string }>(`select id from team where exercise is null`)
	]);
	return lookupOf(index, settings.area.bbox, outlines, new Set(teams.map((t) => t.id)), opts);
}

/** The lookup over an index (exported for the unit tests, which have no database). */
export function lookupOf(
	index: readonly Indexed[],
	bbox: Bbox,
	outlines: ReadonlyMap<string, Outline>,
	teams: ReadonlySet<string>,
	opts: { anyGroup: boolean }
): ContactLookup {
	const cache = new Map<string, ResolvedArea | null>();
	return {
		teams,
		anyGroup: opts.anyGroup,
		resolveArea(name, kind) {
			const key = `${kind ?? ''}|${name}`;
			if (!cache.has(key)) {
				const p = resolvePlace(name, bbox, index);
				cache.set(key, p ? areaOfPlace(p, kind, outlines) : null);
			}
			return cache.get(key) ?? null;
		}
	};
}
