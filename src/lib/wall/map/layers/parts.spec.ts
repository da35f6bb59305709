import { describe, expect, it } from 'vitest';
import { makeTeam } from '$lib/live/fixtures';
import type { TrailPoint } from '$lib/live/types';
import { ChunkedMap, CHUNK } from '$lib/live/chunked-map';
import { wallLayers } from './index';
import { joinParts, partsDiff, partsOfRows } from './parts';
import { placedTeamParts, teamsLayer, trailParts } from './teams';
import { PARTS_PER_LAYER, TrailsLayer } from './trails-layer';

const teamsOf = (n: number) =>
	ChunkedMap.from(
		Array.from(
			{ length: n },
			(_, i) => [`t${i}`, makeTeam({ id: `t${i}`, lon: 69.7 + i * 1e-4 })] as const
		)
	);

describe('rows in parts', () => {
	it('join into one array that remembers its parts', () => {
		const parts = [[1, 2], [3], [4, 5]];
		const rows = joinParts(parts);
		expect(rows).toEqual([1, 2, 3, 4, 5]);
		expect(partsOfRows(rows)).toBe(parts);
		expect(partsOfRows([9])).toEqual([[9]]);
	});

	it('tell deck.gl the rows of the parts that changed, and everything after a part that grew', () => {
		const [a, b, c] = [[1, 2], [3, 4], [5]];
		const old = joinParts([a, b, c]);
		expect(partsDiff(joinParts([a, b, c]), old)).toEqual([]);
		expect(partsDiff(joinParts([a, [30, 40], c]), old)).toEqual([{ startRow: 2, endRow: 4 }]);
		expect(partsDiff(joinParts([[10, 20], [30, 40], c]), old)).toEqual([
			{ startRow: 0, endRow: 4 }
		]);
		expect(partsDiff(joinParts([[10, 20], b, [50]]), old)).toEqual([
			{ startRow: 0, endRow: 2 },
			{ startRow: 4, endRow: 5 }
		]);
		expect(partsDiff(joinParts([a, [3], c]), old)).toEqual([{ startRow: 2 }]);
		expect(partsDiff(joinParts([a, b]), old)).toEqual([{ startRow: 4 }]);
		// Arrays it did not make: everything changed (deck.gl reads a falsy answer so).
		expect(partsDiff([1, 2, 3], old)).toBeFalsy();
	});

	it('one moved team makes one new part of the placed teams; the others are the same objects', () => {
		const teams = teamsOf(3 * CHUNK);
		const before = placedTeamParts(teams);
		const after = placedTeamParts(teams.with('t5', makeTeam({ id: 't5', lat: 38 })));
		expect(after).toHaveLength(3);
		expect(after[0]).not.toBe(before[0]);
		expect(after[0][5].lat).toBe(38);
		expect(after[1]).toBe(before[1]);
		expect(after[2]).toBe(before[2]);
		const layer = teamsLayer(joinParts(after), { now: 0, zoom: 11 });
		const old = teamsLayer(joinParts(before), { now: 0, zoom: 11 });
		expect(layer.props._dataDiff?.(layer.props.data, old.props.data)).toEqual([
			{ startRow: 0, endRow: CHUNK }
		]);
	});
});

describe('trails layer', () => {
	const point = (i: number): TrailPoint => [69.7 + i * 1e-4, 37.9, i];
	const parts = PARTS_PER_LAYER + 1;
	const trails = ChunkedMap.from(
		Array.from(
			{ length: parts * CHUNK },
			(_, i) => [`t${i}`, [point(0), point(1)] as readonly TrailPoint[]] as const
		)
	);

	it('draws a path layer per few parts, and a grown trail changes only its own', () => {
		const before = trailParts(trails);
		const grown = [point(0), point(1), point(2)];
		const after = trailParts(trails.with(`t${PARTS_PER_LAYER * CHUNK + 3}`, grown));
		expect(after.slice(0, PARTS_PER_LAYER)).toEqual(before.slice(0, PARTS_PER_LAYER));
		expect(after[0]).toBe(before[0]);
		expect(after[PARTS_PER_LAYER]).not.toBe(before[PARTS_PER_LAYER]);
		expect(after[PARTS_PER_LAYER][3]).toBe(grown);
		const sub = (p: typeof after) =>
			new TrailsLayer({ id: 'team-trails', data: p, widthPx: 3 }).renderLayers();
		const [a, b] = [sub(before), sub(after)];
		expect(b.map((l) => l.id)).toEqual(['team-trails-0', 'team-trails-1']);
		expect(b[0].props.data).toHaveLength(PARTS_PER_LAYER * CHUNK);
		// The first group's trails are the same array: deck.gl leaves that sublayer alone.
		expect(b[0].props.data).toBe(a[0].props.data);
		expect(b[1].props.data).not.toBe(a[1].props.data);
	});

	it('is what the wall draws under the teams', () => {
		const set = wallLayers(
			{ teams: teamsOf(2), incidents: [], sensors: [], hazards: [], shelters: [], trails },
			{ now: 0, zoom: 11 }
		);
		const layer = set.layers.find((l) => l.id === 'team-trails');
		expect(layer).toBeInstanceOf(TrailsLayer);
		expect((layer?.props.data as unknown[]).length).toBe(parts);
	});
});
