import { describe, expect, it } from 'vitest';
import { ChunkedMap } from '$lib/live/chunked-map';
import { RESOURCE_STATUSES } from '$lib/contracts/resources';
import type { ResourceView } from '$lib/live/types';
import { makeKind, makeRequest, makeResource, makeStock, RES_T0 } from '../state/resource-fixtures';
import { kindName, kindShort } from '../state/kinds';
import { equipmentCounts, noCounts, requestSummary, resourceBoard } from './resources';

const byId = <T extends { id: string }>(rows: T[]) => ChunkedMap.from(rows.map((r) => [r.id, r]));
const t0 = Date.parse(RES_T0);
const at = (min: number) => new Date(t0 + min * 60_000).toISOString();

const KINDS = ChunkedMap.from(
	[
		makeKind(),
		makeKind({ id: 'pump', names: { en: 'Water pump', ru: 'Мотопомпа' }, sort: 20 }),
		makeKind({
			id: 'water',
			names: { en: 'Drinking water', ru: 'Питьевая вода', tg: 'Оби нӯшокӣ' },
			class: 'supply',
			unit: 'l',
			sort: 50
		}),
		makeKind({ id: 'kit', names: { en: 'Food kit' }, class: 'supply', unit: 'kit', sort: 40 })
	].map((k) => [k.id, k] as const)
);

describe('the resources board', () => {
	const resources = byId([
		makeResource({ id: 'e1', status: 'available' }),
		makeResource({ id: 'e2', status: 'available' }),
		makeResource({ id: 'e3', status: 'en_route' }),
		makeResource({ id: 'e4', status: 'out_of_service' }),
		makeResource({ id: 'p1', kindId: 'pump', status: 'assigned' }),
		makeResource({ id: 'p2', kindId: 'pump', status: 'on_scene' }),
		makeResource({ id: 'x1', kindId: 'crane', status: 'returning' })
	]);
	const stock = byId([
		makeStock({ storeId: 'a', kindId: 'water', quantity: 500, minimum: 1000 }),
		makeStock({ storeId: 'b', kindId: 'water', quantity: 2500, minimum: 1000 }),
		makeStock({ storeId: 'c', kindId: 'water', quantity: 1000, minimum: 1000 }),
		makeStock({ storeId: 'a', kindId: 'kit', quantity: 40, minimum: null })
	]);

	it('counts equipment by kind and status, kinds in the register order, unknown kinds last', () => {
		const board = resourceBoard(resources, KINDS, stock, 'en');
		expect(board.equipment.map((r) => [r.kindId, r.name, r.total])).toEqual([
			['excavator', 'Excavator', 4],
			['pump', 'Water pump', 2],
			['crane', 'crane', 1]
		]);
		expect(board.equipment[0].counts).toEqual({
			...noCounts(),
			available: 2,
			en_route: 1,
			out_of_service: 1
		});
		expect(board.counts).toEqual({
			available: 2,
			assigned: 1,
			en_route: 1,
			on_scene: 1,
			returning: 1,
			out_of_service: 1
		});
		expect(board.total).toBe(7);
	});

	it('sums supplies over the stores and marks the stores below their minimum', () => {
		const board = resourceBoard(resources, KINDS, stock, 'en');
		expect(board.supplies).toEqual([
			{
				type: 'supply',
				kindId: 'kit',
				name: 'Food kit',
				unit: 'kit',
				quantity: 40,
				stores: 1,
				low: 0
			},
			{
				type: 'supply',
				kindId: 'water',
				name: 'Drinking water',
				unit: 'l',
				quantity: 4000,
				stores: 3,
				// 500 < 1000 is low; exactly at the minimum is not
				low: 1
			}
		]);
	});

	it("names kinds in the wall's language, English when it has none, the id when none at all", () => {
		const board = resourceBoard(resources, KINDS, stock, 'tg');
		expect(board.equipment.map((r) => r.name)).toEqual(['Экскаватор', 'Water pump', 'crane']);
		expect(board.supplies.map((r) => r.name)).toEqual(['Food kit', 'Оби нӯшокӣ']);
		expect(kindName(KINDS.get('pump'), 'pump', 'ru')).toBe('Мотопомпа');
		expect(kindName(makeKind({ names: { en: '  ', ru: '' } }), 'excavator', 'ru')).toBe(
			'excavator'
		);
	});

	it('is empty without resources, stock or requests', () => {
		const board = resourceBoard(ChunkedMap.empty(), KINDS, ChunkedMap.empty(), 'en');
		expect(board).toEqual({ equipment: [], supplies: [], counts: noCounts(), total: 0 });
		expect(requestSummary(ChunkedMap.empty(), t0)).toEqual({
			waiting: 0,
			overdue: 0,
			oldest: null,
			oldestAt: null
		});
	});

	it('keeps the counts right through live updates over 2,000 resources', () => {
		const many = byId(
			Array.from({ length: 2000 }, (_, i) =>
				makeResource({
					id: `r${i}`,
					kindId: i % 2 ? 'excavator' : 'pump',
					status: RESOURCE_STATUSES[i % RESOURCE_STATUSES.length]
				})
			)
		);
		const before = equipmentCounts(many);
		expect(equipmentCounts(many)).toBe(before); // kept per version
		const r7 = many.get('r7') as ResourceView;
		const moved = many.with('r7', { ...r7, status: 'on_scene' });
		const after = equipmentCounts(moved);
		const fresh = equipmentCounts([...moved.values()]);
		expect(after).toEqual(fresh);
		expect(after.get('excavator')?.[r7.status]).toBe(
			(before.get('excavator')?.[r7.status] ?? 0) - 1
		);
		expect(after.get('excavator')?.on_scene).toBe((before.get('excavator')?.on_scene ?? 0) + 1);
		const gone = moved.without('r8');
		expect(equipmentCounts(gone).get('pump')?.[RESOURCE_STATUSES[8 % 6]]).toBe(
			(after.get('pump')?.[RESOURCE_STATUSES[8 % 6]] ?? 0) - 1
		);
	});
});

describe('requests on the resources board', () => {
	const requests = byId([
		makeRequest({ id: 'q1', status: 'requested', requestedAt: at(10), neededBy: at(30) }),
		makeRequest({ id: 'q2', status: 'approved', requestedAt: at(5), neededBy: at(120) }),
		makeRequest({ id: 'q3', status: 'assigned', requestedAt: at(0), neededBy: at(20) }),
		makeRequest({ id: 'q4', status: 'en_route', requestedAt: at(1), neededBy: null }),
		makeRequest({ id: 'q5', status: 'delivered', requestedAt: at(0), neededBy: at(15) }),
		makeRequest({ id: 'q6', status: 'cancelled', requestedAt: at(0), neededBy: at(15) }),
		makeRequest({ id: 'q7', status: 'refused', requestedAt: at(0), neededBy: at(15) })
	]);

	it('counts the waiting ones (requested, approved) and the oldest of them', () => {
		const s = requestSummary(requests, t0 + 60 * 60_000);
		expect(s.waiting).toBe(2);
		expect(s.oldest?.id).toBe('q2');
		expect(s.oldestAt).toBe(t0 + 5 * 60_000);
	});

	it('counts as overdue the open ones past their needed-by time, by the clock', () => {
		expect(requestSummary(requests, t0).overdue).toBe(0);
		expect(requestSummary(requests, t0 + 25 * 60_000).overdue).toBe(1); // q3
		expect(requestSummary(requests, t0 + 31 * 60_000).overdue).toBe(2); // and q1
		// Exactly at the time it is needed by, it is not late yet.
		expect(requestSummary(requests, t0 + 20 * 60_000).overdue).toBe(0);
		expect(requestSummary(requests, t0 + 200 * 60_000).overdue).toBe(3);
	});

	it('follows a request moved on', () => {
		const q1 = requests.get('q1');
		const moved = requests.with('q1', { ...q1!, status: 'delivered' });
		const s = requestSummary(moved, t0 + 31 * 60_000);
		expect(s).toMatchObject({ waiting: 1, overdue: 1 });
	});
});

describe('kind short labels', () => {
	it('takes initials of several words, else the first three letters, in capitals', () => {
		expect(kindShort('Excavator')).toBe('EXC');
		expect(kindShort('Dump truck')).toBe('DT');
		expect(kindShort('Water pump (diesel)')).toBe('WP');
		expect(kindShort('Автомобиль скорой помощи', 'ru')).toBe('АСП');
		expect(kindShort('қаиқ', 'tg')).toBe('ҚАИ');
		expect(kindShort('Boat')).toBe('BOA');
		expect(kindShort('  ')).toBe('');
	});
});
