import { describe, expect, it } from 'vitest';
import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';
import { summarizeResources } from './sitrep-resources';

const NOW = Date.parse('2026-05-07T06:00:00Z');
const kinds: ResourceKindView[] = [
	{
		id: 'excavator',
		names: { en: 'Excavator', ru: 'Экскаватор' },
		class: 'equipment',
		unit: 'unit',
		sort: 1
	},
	{ id: 'tent', names: { en: 'Tent' }, class: 'supply', unit: 'pcs', sort: 20 },
	{ id: 'water', names: { en: 'Drinking water' }, class: 'supply', unit: 'l', sort: 21 }
];
const resource = (id: string, kindId: string, status: ResourceView['status']) =>
	({ id, kindId, status, name: id }) as ResourceView;
const stock = (storeId: string, kindId: string, quantity: number) =>
	({ id: `${storeId}:${kindId}`, storeId, kindId, quantity }) as StockView;
const request = (id: string, over: Partial<RequestView>): RequestView =>
	({
		id,
		kindId: 'tent',
		quantity: 100,
		requester: 'Hukumat of Vose',
		requesterKind: 'district',
		priority: 'high',
		status: 'requested',
		requestedAt: '2026-05-07T04:00:00Z',
		neededBy: null,
		assigned: [],
		...over
	}) as RequestView;

describe('the resources of the situation report', () => {
	it('counts equipment committed, available and otherwise by kind; supplies on hand and committed', () => {
		const s = summarizeResources({
			kinds,
			resources: [
				resource('x1', 'excavator', 'assigned'),
				resource('x2', 'excavator', 'en_route'),
				resource('x3', 'excavator', 'on_scene'),
				resource('x4', 'excavator', 'available'),
				resource('x5', 'excavator', 'out_of_service'),
				resource('p1', 'pump', 'available') // a kind the list lacks: shown by its id
			],
			stock: [
				stock('kulob', 'tent', 300),
				stock('vose', 'tent', 50),
				stock('kulob', 'water', 8000)
			],
			requests: [
				request('r1', {
					status: 'assigned',
					assigned: [
						{ resourceId: null, storeId: 'kulob', quantity: 80, at: '', releasedAt: null },
						{
							resourceId: null,
							storeId: 'vose',
							quantity: 20,
							at: '',
							releasedAt: '2026-05-07T05:00:00Z'
						}
					]
				}),
				request('r2', {
					status: 'delivered',
					assigned: [{ resourceId: null, storeId: 'kulob', quantity: 40, at: '', releasedAt: null }]
				})
			],
			now: NOW
		});
		expect(s.kinds.map((k) => [k.kindId, k.class, k.committed, k.available, k.other])).toEqual([
			['excavator', 'equipment', 3, 1, 1],
			['pump', 'equipment', 0, 1, 0],
			['tent', 'supply', 80, 350, 0],
			['water', 'supply', 0, 8000, 0]
		]);
		expect(s.names.excavator).toEqual({ en: 'Excavator', ru: 'Экскаватор' });
		expect(s.names.pump).toEqual({});
	});

	it('counts open and overdue requests, the oldest open first and the most overdue first', () => {
		const s = summarizeResources({
			kinds,
			resources: [],
			stock: [],
			requests: [
				request('late', { neededBy: '2026-05-07T05:30:00Z', requestedAt: '2026-05-07T05:00:00Z' }),
				request('later', {
					kindId: 'water',
					status: 'approved',
					neededBy: '2026-05-07T05:00:00Z',
					requestedAt: '2026-05-07T04:30:00Z'
				}),
				request('oldest', {
					neededBy: '2026-05-07T09:00:00Z',
					requestedAt: '2026-05-07T03:30:00Z'
				}),
				request('no-deadline', { neededBy: null }),
				// closed ones are neither open nor overdue
				request('done', {
					status: 'delivered',
					neededBy: '2026-05-07T01:00:00Z',
					requestedAt: '2026-05-07T01:00:00Z'
				}),
				request('no', { status: 'refused', neededBy: '2026-05-07T01:00:00Z' })
			],
			now: NOW
		});
		expect(s.requests.open).toBe(4);
		expect(s.requests.overdue).toBe(2);
		expect(s.requests.oldest?.id).toBe('oldest');
		expect(s.requests.overdueList.map((r) => r.id)).toEqual(['later', 'late']);
		expect(s.names.water).toEqual({ en: 'Drinking water' });
	});

	it('is empty for a picture with no register and no requests', () => {
		const s = summarizeResources({ kinds, resources: [], stock: [], requests: [], now: NOW });
		expect(s).toEqual({
			kinds: [],
			names: {},
			requests: { open: 0, overdue: 0, oldest: null, overdueList: [] }
		});
	});
});
