/** Resources, kinds, stock and requests for tests: Kulob defaults, override what a test is about. */
import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';

export const RES_T0 = '2026-12-07T09:00:00.000Z';

export function makeResource(over: Partial<ResourceView> = {}): ResourceView {
	return {
		id: 'exc-1',
		kindId: 'excavator',
		name: 'Excavator 1',
		plate: null,
		agency: 'CoES Khatlon',
		homeBase: 'Kulob',
		capability: null,
		status: 'available',
		statusTs: RES_T0,
		lat: 37.9123,
		lon: 69.7811,
		positionTs: RES_T0,
		fuelPct: null,
		quantity: null,
		note: null,
		teamId: null,
		requestId: null,
		incidentId: null,
		exercise: null,
		demo: false,
		...over
	};
}

export function makeKind(over: Partial<ResourceKindView> = {}): ResourceKindView {
	return {
		id: 'excavator',
		names: { en: 'Excavator', ru: 'Экскаватор', tg: 'Экскаватор' },
		class: 'equipment',
		unit: 'unit',
		sort: 10,
		...over
	};
}

export function makeStock(over: Partial<StockView> = {}): StockView {
	const storeId = over.storeId ?? 'kulob-wh';
	const kindId = over.kindId ?? 'water';
	return {
		id: `${storeId}:${kindId}`,
		storeId,
		storeName: 'Kulob warehouse',
		kindId,
		quantity: 1000,
		minimum: null,
		lat: 37.91,
		lon: 69.78,
		updatedAt: RES_T0,
		exercise: null,
		...over
	};
}

export function makeRequest(over: Partial<RequestView> = {}): RequestView {
	return {
		id: 'req-1',
		kindId: 'excavator',
		quantity: 2,
		incidentId: null,
		place: 'Vose',
		lat: null,
		lon: null,
		priority: 'normal',
		neededBy: null,
		requesterKind: 'district',
		requester: 'Vose hukumat',
		note: null,
		status: 'requested',
		reason: null,
		requestedAt: RES_T0,
		approvedAt: null,
		assignedAt: null,
		enRouteAt: null,
		deliveredAt: null,
		closedAt: null,
		assigned: [],
		exercise: null,
		demo: false,
		...over
	};
}
