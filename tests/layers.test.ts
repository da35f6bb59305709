/**
 * Reference layers end to end on the app's own services: import (GeoJSON, KML, bad files), the
 * list and the GeoJSON as the wall fetches them, with ETag. The real Tajikistan districts run when
 * GEOBOUNDARIES_DIR (default: shared/data/geoboundaries beside the repository's folder, i.e.
 * ../shared relative to the repo) holds them; they are test data, not part of the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceSummary } from '$lib/reference/types';
import {
	importReference,
	ReferenceFileError,
	listReferences,
	readReference
} from '$lib/server/reference/store';
import { MAX_LAYER_FEATURES } from '$lib/server/reference/validate';
import { readiness } from '$lib/server/app/runtime';
import { GET as getLayer } from '../src/routes/api/v1/layers/[id]/+server';
import { GET as getLayers } from '../src/routes/api/v1/layers/+server';
import { BACKEND } from './helpers/backend';
import { startInProcess, type InProcess } from './helpers/inprocess';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'layers');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const GEOBOUNDARIES_DIR =
	process.env.GEOBOUNDARIES_DIR ??
	join(import.meta.dirname, '..', '..', 'shared', 'data', 'geoboundaries');
const ADM2 = join(GEOBOUNDARIES_DIR, 'geoBoundaries-TJK-ADM2.geojson');

/** The smallest RequestEvent the read routes use, from an API client (the routes check it). */
function event(path: string, params: Record<string, string> = {}, headers: HeadersInit = {}) {
	return {
		params,
		locals: { principal: { kind: 'api', id: 'test', name: 'test' } },
		request: new Request(`http://wall.test${path}`, { headers }),
		url: new URL(`http://wall.test${path}`)
	} as never;
}

/** The problems an import is rejected with (fails the test if it is accepted). */
async function rejection(p: Promise<unknown>): Promise<string> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(ReferenceFileError);
	return (e as ReferenceFileError).problems.join('\n');
}

describe(`reference layers on ${BACKEND}`, () => {
	let app: InProcess;
	const base = { id: 'places', name: 'Places', kind: 'settlement' as const };

	beforeAll(async () => {
		app = await startInProcess();
		// The routes read the running services, as in the built app.
		Object.assign(readiness(), { phase: 'ready', services: app.services });
	});
	afterAll(async () => {
		Object.assign(readiness(), { phase: 'stopping', services: null });
		await app?.stop();
	});

	it('imports a GeoJSON fixture and serves it with an ETag that answers 304', async () => {
		const r = await importReference(
			app.services.db,
			{ ...base, labelField: 'name', color: '#EEF3FA' },
			fixture('places.geojson'),
			'places.geojson'
		);
		expect(r).toMatchObject({ format: 'geojson', featureCount: 4, dropped: 0, replaced: false });
		expect(r.bbox[0]).toBeCloseTo(69.34, 6);
		expect(r.bbox[3]).toBeCloseTo(38.11, 6);

		const list = (await (await getLayers(event('/api/v1/layers'))).json()) as ReferenceSummary[];
		expect(list).toEqual([
			expect.objectContaining({
				id: 'places',
				kind: 'settlement',
				featureCount: 4,
				style: { color: '#EEF3FA', labelField: 'name' }
			})
		]);
		expect(Number.isNaN(Date.parse(list[0].updatedAt))).toBe(false);

		const res = await getLayer(event('/api/v1/layers/places', { id: 'places' }));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/geo+json');
		const etag = res.headers.get('etag');
		expect(etag).toBeTruthy();
		const fc = (await res.json()) as GeoJSON.FeatureCollection;
		expect(fc.features.map((f) => f.properties?.['name:tg'])).toContain('Кӯлоб');

		const again = await getLayer(
			event('/api/v1/layers/places', { id: 'places' }, { 'if-none-match': etag as string })
		);
		expect(again.status).toBe(304);
	});

	it('replaces a layer on re-import, and the ETag changes', async () => {
		const before = await readReference(app.services.db, 'places');
		await new Promise((r) => setTimeout(r, 5));
		const two = JSON.parse(fixture('places.geojson')) as GeoJSON.FeatureCollection;
		two.features = two.features.slice(0, 2);
		const r = await importReference(app.services.db, base, JSON.stringify(two), 'places.geojson');
		expect(r).toMatchObject({ replaced: true, featureCount: 2 });
		const after = await readReference(app.services.db, 'places');
		expect(after?.summary.featureCount).toBe(2);
		expect(after?.summary.style).toEqual({});
		expect(after?.summary.updatedAt).not.toBe(before?.summary.updatedAt);
		expect((await listReferences(app.services.db)).filter((l) => l.id === 'places')).toHaveLength(
			1
		);
	});

	it('imports KML with its extended data and leaves out placemarks without geometry', async () => {
		const r = await importReference(
			app.services.db,
			{ id: 'rivers', name: 'Rivers', kind: 'river', labelField: 'name' },
			fixture('rivers.kml'),
			'rivers.kml'
		);
		expect(r).toMatchObject({ format: 'kml', featureCount: 2, dropped: 1 });
		const layer = await readReference(app.services.db, 'rivers');
		const fc = JSON.parse(layer!.geojson) as GeoJSON.FeatureCollection;
		expect(fc.features[0].geometry.type).toBe('LineString');
		expect(fc.features[0].properties).toMatchObject({ name: 'Yakhsu', 'name:tg': 'Яхсу' });
		// Boundaries are drawn first: the list is in drawing order.
		expect((await listReferences(app.services.db)).map((l) => l.id)).toEqual(['rivers', 'places']);
	});

	it('rejects bad files, each with a message naming what is wrong, and keeps the old layer', async () => {
		const db = app.services.db;
		const imp = (text: string, name = 'x.geojson', req = {}) =>
			importReference(db, { ...base, ...req }, text, name);
		expect(await rejection(imp('{"type": "Feature"'))).toMatch(/not GeoJSON.*not valid JSON/);
		expect(await rejection(imp('   '))).toMatch(/empty file/);
		expect(await rejection(imp('{"type":"Feature","geometry":null,"properties":{}}'))).toMatch(
			/not a FeatureCollection.*"Feature"/
		);
		expect(await rejection(imp('{"type":"FeatureCollection","features":[]}'))).toMatch(
			/empty: the FeatureCollection has no features/
		);
		const badGeometry = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [69.7, 37.9] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [190, 37.9] } },
				{
					type: 'Feature',
					properties: {},
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[69, 37],
								[70, 37],
								[70, 38],
								[69, 37.5]
							]
						]
					}
				},
				{ type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [] } }
			]
		};
		const msg = await rejection(imp(JSON.stringify(badGeometry)));
		expect(msg).toMatch(
			/features\[1\]\.geometry\.coordinates: longitude must be between -180 and 180/
		);
		expect(msg).toMatch(
			/features\[2\]\.geometry\.coordinates\[0\]: a polygon ring must end where it starts/
		);
		expect(msg).toMatch(/features\[3\]\.geometry.*geometry type must be/);
		expect(msg).not.toMatch(/features\[0\]/);

		const many = {
			type: 'FeatureCollection',
			features: Array.from({ length: MAX_LAYER_FEATURES + 1 }, () => badGeometry.features[0])
		};
		expect(await rejection(imp(JSON.stringify(many)))).toMatch(/too big: 50001 features/);
		expect(await rejection(imp('<kml><Document>', 'x.kml'))).toMatch(/not valid KML/);
		expect(await rejection(imp('<gpx></gpx>', 'x.kml'))).toMatch(/not KML/);
		expect(await rejection(imp(fixture('places.geojson'), 'p.geojson', { kind: 'lake' }))).toMatch(
			/kind must be one of boundary, river, settlement, road, other/
		);
		expect(
			await rejection(imp(fixture('places.geojson'), 'p.geojson', { labelField: 'shapeName' }))
		).toMatch(/label field "shapeName" is on no feature; properties are: name, name:tg/);
		expect(await rejection(imp(fixture('places.geojson'), 'p', { id: 'Bad Id' }))).toMatch(/id:/);

		// Nothing rejected reached the database: the layer is the one imported before.
		expect((await readReference(db, 'places'))?.summary.featureCount).toBe(2);
	});

	it('answers 404 for a layer that does not exist', async () => {
		const res = await Promise.resolve(getLayer(event('/api/v1/layers/nope', { id: 'nope' }))).catch(
			(e: { status: number }) => e
		);
		expect((res as { status: number }).status).toBe(404);
	});

	it.runIf(existsSync(ADM2))(
		'imports the 58 real districts of Tajikistan (geoBoundaries ADM2) with Kulob among them',
		async () => {
			const r = await importReference(
				app.services.db,
				{
					id: 'districts',
					name: 'Districts',
					kind: 'boundary',
					labelField: 'shapeName',
					attribution: '© OpenStreetMap contributors, geoBoundaries'
				},
				readFileSync(ADM2, 'utf8'),
				'geoBoundaries-TJK-ADM2.geojson'
			);
			expect(r.featureCount).toBe(58);
			// Tajikistan: about 67.3–75.2 E, 36.7–41.1 N.
			expect(r.bbox[0]).toBeGreaterThan(67);
			expect(r.bbox[2]).toBeLessThan(75.5);
			const fc = JSON.parse(
				(await readReference(app.services.db, 'districts'))!.geojson
			) as GeoJSON.FeatureCollection;
			const kulob = fc.features.find((f) => f.properties?.shapeName === 'Kulob District');
			expect(kulob?.geometry.type).toMatch(/Polygon/);
			const [listed] = (await listReferences(app.services.db)).filter((l) => l.id === 'districts');
			expect(listed.style.attribution).toBe('© OpenStreetMap contributors, geoBoundaries');
		}
	);
	if (!existsSync(ADM2)) {
		console.warn(
			`layers.test: ${ADM2} not found, the real-districts import is not run (set GEOBOUNDARIES_DIR)`
		);
	}
});
