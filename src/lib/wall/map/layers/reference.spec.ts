import { describe, expect, it } from 'vitest';
import type { ReferenceData } from '$lib/reference/types';
import { rgba } from '../palette';
import { localName } from './common';
import {
	KIND_STYLE,
	labelPoint,
	referenceLabels,
	referenceLayers,
	resolvedStyle
} from './reference';

const names = { name: 'Kulob', 'name:tg': 'Кӯлоб', 'name:ru': 'Куляб', 'name:en': 'Kulob' };

function layer(over: Partial<ReferenceData>): ReferenceData {
	return {
		id: 'places',
		name: 'Places',
		kind: 'settlement',
		style: {},
		featureCount: 1,
		bbox: null,
		updatedAt: '2026-01-01T00:00:00.000Z',
		data: {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: names,
					geometry: { type: 'Point', coordinates: [69.78, 37.91] }
				}
			]
		},
		...over
	};
}

describe('names in the screen language', () => {
	it('prefer name:<locale>, Tajik falls back to Russian, then the label field, then name', () => {
		expect(localName(names, 'tg')).toBe('Кӯлоб');
		expect(localName(names, 'ru')).toBe('Куляб');
		expect(localName(names, 'en')).toBe('Kulob');
		expect(localName({ 'name:ru': 'Яхсу', shapeName: 'Yakhsu' }, 'tg', 'shapeName')).toBe('Яхсу');
		expect(localName({ shapeName: 'Kulob District' }, 'tg', 'shapeName')).toBe('Kulob District');
		expect(localName({ name: ' ' }, 'en')).toBeNull();
		expect(localName(null, 'en')).toBeNull();
	});

	it('label each layer in the locale asked, computed once per language', () => {
		const l = layer({});
		expect(referenceLabels(l, 'tg').map((x) => x.text)).toEqual(['Кӯлоб']);
		expect(referenceLabels(l, 'ru').map((x) => x.text)).toEqual(['Куляб']);
		expect(referenceLabels(l, 'ru')).toBe(referenceLabels(l, 'ru'));
	});
});

describe('label points', () => {
	it('sit on points, mid-line and inside polygons', () => {
		expect(labelPoint({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
		expect(
			labelPoint({
				type: 'LineString',
				coordinates: [
					[0, 0],
					[1, 1],
					[2, 2]
				]
			})
		).toEqual([1, 1]);
		const square = [
			[0, 0],
			[4, 0],
			[4, 2],
			[0, 2],
			[0, 0]
		];
		const [x, y] = labelPoint({ type: 'Polygon', coordinates: [square] })!;
		expect(x).toBeCloseTo(2);
		expect(y).toBeCloseTo(1);
	});
});

describe('reference layers', () => {
	it('draw by kind: rivers blue lines, roads grey, boundaries unfilled; a colour overrides', () => {
		const river = layer({
			id: 'rivers',
			kind: 'river',
			data: { type: 'FeatureCollection', features: [] }
		});
		const boundary = layer({ id: 'districts', kind: 'boundary', style: { color: '#FF0000' } });
		const layers = referenceLayers([boundary, river], { now: 0, zoom: 11 });
		expect(layers.map((l) => l.id)).toEqual([
			'ref-districts',
			'ref-rivers',
			'ref-districts-labels',
			'ref-rivers-labels'
		]);
		expect(layers[1].props).toMatchObject({ getLineColor: rgba(KIND_STYLE.river.color, 230) });
		expect(layers[0].props).toMatchObject({ getLineColor: rgba('#FF0000', 200), filled: false });
		expect(resolvedStyle('road', {}).color).toBe(KIND_STYLE.road.color);
	});

	it('hide labels below their zoom and hidden layers altogether; labels ≥ 18 px', () => {
		const districts = layer({ id: 'd', kind: 'boundary' });
		const far = referenceLayers([districts], { now: 0, zoom: 6 });
		expect(far.find((l) => l.id === 'ref-d-labels')?.props.visible).toBe(false);
		const near = referenceLayers([districts], { now: 0, zoom: 11, scale: 2 });
		const labels = near.find((l) => l.id === 'ref-d-labels')!;
		expect(labels.props.visible).toBe(true);
		expect((labels.props as unknown as { getSize: number }).getSize).toBeGreaterThanOrEqual(36);
		expect(referenceLayers([layer({ style: { visible: false } })], { now: 0, zoom: 11 })).toEqual(
			[]
		);
	});
});
