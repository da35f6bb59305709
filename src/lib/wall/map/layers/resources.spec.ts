import { describe, expect, it } from 'vitest';
import { RESOURCE_STATUSES } from '$lib/contracts/resources';
import { ChunkedMap } from '$lib/live/chunked-map';
import { LiveState } from '$lib/live/live.svelte';
import { makeSnapshot, makeTeam } from '$lib/live/fixtures';
import type { ResourceView } from '$lib/live/types';
import { consoleLayers, consoleRows } from '$lib/console/map/layers';
import { iconSources, ICON_MAPPING } from '../icons';
import { RESOURCE_STATUS_HEX, STATUS_HEX } from '../palette';
import { makeKind, makeResource, makeStock } from '$lib/wall/state/resource-fixtures';
import { wallLabels, wallLayers, type WallRows } from './index';
import {
	placedResourceParts,
	placedResources,
	resourceIcon,
	resourceLabelCandidates,
	storeMarkers
} from './resources';
import { joinParts } from './parts';

const KINDS = ChunkedMap.from(
	[
		makeKind(),
		makeKind({ id: 'dump', names: { en: 'Dump truck', ru: 'Самосвал', tg: 'Мошини худборкунак' } })
	].map((k) => [k.id, k] as const)
);
const empty = { teams: [], incidents: [], sensors: [], hazards: [], shelters: [] };
const ui = { now: 0, zoom: 12 };

function layerOf(rows: WallRows, id: string, locale: 'en' | 'ru' | 'tg' = 'en') {
	const layer = wallLayers(rows, { ...ui, locale }).layers.find((l) => l.id === id);
	if (!layer) throw new Error(`no layer ${id}`);
	return layer;
}

describe('resources on the map', () => {
	it('are a badge of their own, never a team shape, one per status in its colour', () => {
		const sources = iconSources();
		for (const status of RESOURCE_STATUSES) {
			const svg = sources[`resource-${status}`].svg;
			expect(svg).toContain(RESOURCE_STATUS_HEX[status]);
			expect(ICON_MAPPING[`resource-${status}`].mask).toBe(false);
			expect(resourceIcon({ status })).toBe(`resource-${status}`);
		}
		// Same colours as the teams for the statuses they share; assigned has its own.
		expect(RESOURCE_STATUS_HEX.en_route).toBe(STATUS_HEX.en_route);
		expect(new Set(Object.values(RESOURCE_STATUS_HEX)).size).toBe(RESOURCE_STATUSES.length);
		// Each status's mark differs (shape as well as colour).
		const marks = RESOURCE_STATUSES.map((s) => sources[`resource-${s}`].svg.split('<g')[1]);
		expect(new Set(marks).size).toBe(RESOURCE_STATUSES.length);
		expect(sources['team-available'].svg).not.toContain('M3 32L12 16');
		expect(resourceIcon({ status: 'lost' as never })).toBe('resource-out_of_service');
	});

	it('are drawn beside the teams, under them, with the kind short label in the screen language', () => {
		const rows: WallRows = {
			...empty,
			teams: [makeTeam()],
			resources: [
				makeResource(),
				makeResource({ id: 'd1', kindId: 'dump', status: 'en_route' }),
				makeResource({ id: 'nowhere', lat: null, lon: null })
			],
			resourceKinds: KINDS
		};
		const ids = wallLayers(rows, ui).layers.map((l) => l.id);
		expect(ids.indexOf('resources')).toBeLessThan(ids.indexOf('teams'));
		expect(ids.indexOf('resource-kinds')).toBe(ids.indexOf('resources') + 1);
		expect(new Set(ids).size).toBe(ids.length);

		const badges = layerOf(rows, 'resources');
		expect((badges.props.data as ResourceView[]).map((r) => r.id)).toEqual(['exc-1', 'd1']);
		const text = (locale: 'en' | 'ru' | 'tg') => {
			const layer = layerOf(rows, 'resource-kinds', locale);
			const { getText } = layer.props as unknown as { getText: (r: ResourceView) => string };
			return (layer.props.data as ResourceView[]).map((r) => getText(r));
		};
		expect(text('en')).toEqual(['EXC', 'DT']);
		expect(text('ru')).toEqual(['ЭКС', 'САМ']);
		expect(text('tg')).toEqual(['ЭКС', 'МХ']);
	});

	it('are rebuilt per chunk: a moved resource makes one new part, the rest keep theirs', () => {
		const many = ChunkedMap.from(
			Array.from({ length: 2000 }, (_, i) => {
				const r = makeResource({ id: `r${i}`, lat: 37.9 + i * 1e-5 });
				return [r.id, r] as const;
			})
		);
		const before = placedResourceParts(many);
		const r5 = many.get('r5') as ResourceView;
		const after = placedResourceParts(many.with('r5', { ...r5, status: 'on_scene' }));
		expect(after.filter((p, i) => p !== before[i])).toHaveLength(1);
		expect(joinParts(after)).toHaveLength(2000);
		expect(placedResources([...many.values()])).toHaveLength(2000);
	});

	it('name the resources at work first where there is room', () => {
		const rows = [
			makeResource({ id: 'a', name: 'Excavator 1', status: 'available' }),
			makeResource({ id: 'b', name: 'Excavator 2', status: 'on_scene', lat: 37.95 }),
			makeResource({ id: 'c', name: 'A very long name of a bulldozer from Dangara', lat: 37.99 })
		].filter((r): r is ResourceView & { lat: number; lon: number } => r.lat !== null);
		const labels = resourceLabelCandidates(rows);
		expect(labels.map((l) => l.text)).toEqual([
			'Excavator 2',
			'A very long name of a b…',
			'Excavator 1'
		]);
		const placed = wallLabels({ ...empty, resources: rows }, ui);
		expect(placed.resources.map((l) => l.resource.id).sort()).toEqual(['a', 'b', 'c']);
	});
});

describe('stores on the map', () => {
	it('are one marker per store with a position, amber when a kind there is below minimum', () => {
		const stock = [
			makeStock({ storeId: 'a', kindId: 'water', quantity: 10, minimum: 100 }),
			makeStock({ storeId: 'a', kindId: 'kit', quantity: 10, minimum: 5 }),
			makeStock({ storeId: 'b', kindId: 'water', quantity: 500, minimum: 100 }),
			makeStock({ storeId: 'c', kindId: 'water', lat: null, lon: null })
		];
		expect(storeMarkers(stock).map((s) => [s.id, s.kinds, s.low])).toEqual([
			['a', 2, 1],
			['b', 1, 0]
		]);
		const layer = layerOf({ ...empty, stock }, 'stores');
		const { getIcon } = layer.props as unknown as { getIcon: (s: unknown) => string };
		expect((layer.props.data as unknown[]).map((s) => getIcon(s))).toEqual([
			'store-low',
			'store-ok'
		]);
	});
});

describe('the console map', () => {
	it('draws the live resources and stores as the wall does', () => {
		const live = new LiveState();
		live.applySnapshot(
			makeSnapshot({
				resources: [makeResource({ status: 'assigned' })],
				resourceKinds: [makeKind()],
				stock: [makeStock()]
			})
		);
		const rows = consoleRows(live, [], 0, 'en');
		expect(rows.resources).toBe(live.resources);
		const ids = consoleLayers(rows, ui, null).layers.map((l) => l.id);
		expect(ids).toEqual(expect.arrayContaining(['resources', 'resource-kinds', 'stores']));
		const badges = consoleLayers(rows, ui, null).layers.find((l) => l.id === 'resources');
		expect((badges?.props.data as ResourceView[])[0].status).toBe('assigned');
	});
});
