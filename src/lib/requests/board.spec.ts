import { describe, expect, it } from 'vitest';
import type { RequestView } from '$lib/live/types';
import { makeRequest } from '$lib/wall/state/resource-fixtures';
import { boardColumns, isOverdue } from './board';

const NOW = Date.parse('2026-05-12T10:00:00Z');
/** A request of the shared fixture, asked two hours before NOW unless told otherwise. */
const req = (id: string, over: Partial<RequestView> = {}): RequestView =>
	makeRequest({ id, requestedAt: '2026-05-12T08:00:00Z', ...over });

describe('the request board', () => {
	it('is overdue past its needed-by time while open, never once delivered or ended', () => {
		const late = req('a', { neededBy: '2026-05-12T09:00:00Z' });
		expect(isOverdue(late, NOW)).toBe(true);
		expect(isOverdue({ ...late, status: 'en_route' }, NOW)).toBe(true);
		expect(isOverdue({ ...late, status: 'delivered' }, NOW)).toBe(false);
		expect(isOverdue({ ...late, neededBy: '2026-05-12T11:00:00Z' }, NOW)).toBe(false);
		expect(isOverdue(req('b'), NOW)).toBe(false);
	});

	it('orders a column urgent first, then overdue, then oldest; ended ones only for a day', () => {
		const board = boardColumns(
			[
				req('old', { requestedAt: '2026-05-12T07:00:00Z' }),
				req('late', { neededBy: '2026-05-12T09:30:00Z' }),
				req('urgent', { priority: 'urgent', requestedAt: '2026-05-12T09:59:00Z' }),
				req('fresh', { requestedAt: '2026-05-12T09:00:00Z' }),
				req('done', { status: 'delivered', closedAt: '2026-05-12T09:00:00Z' }),
				req('gone', { status: 'cancelled', closedAt: '2026-05-11T09:00:00Z' }),
				req('moving', { status: 'en_route' })
			],
			NOW
		);
		expect(board.requested.map((r) => r.id)).toEqual(['urgent', 'late', 'old', 'fresh']);
		expect(board.en_route.map((r) => r.id)).toEqual(['moving']);
		expect(board.delivered.map((r) => r.id)).toEqual(['done']);
		expect(board.cancelled).toEqual([]);
	});
});
