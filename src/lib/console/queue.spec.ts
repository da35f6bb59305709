import { describe, expect, it } from 'vitest';
import { makeIncident } from '$lib/live/fixtures';
import { Arrivals, consoleOrder } from './queue';

describe('consoleOrder', () => {
	it('puts reports first, then the most severe, then the newest', () => {
		const a = makeIncident({ id: 'a', status: 'open', severity: 5 });
		const b = makeIncident({ id: 'b', status: 'reported', severity: 1 });
		const c = makeIncident({
			id: 'c',
			status: 'open',
			severity: 3,
			reportedAt: '2026-01-02T00:00:00Z'
		});
		const d = makeIncident({
			id: 'd',
			status: 'open',
			severity: 3,
			reportedAt: '2026-01-03T00:00:00Z'
		});
		const input = [a, c, d, b];
		expect(consoleOrder(input).map((i) => i.id)).toEqual(['b', 'a', 'd', 'c']);
		expect(input.map((i) => i.id)).toEqual(['a', 'c', 'd', 'b']);
	});
});

describe('Arrivals', () => {
	it('names only the reports not seen before, once', () => {
		const a = new Arrivals([{ id: 'r1' }]);
		expect(a.take([{ id: 'r1' }, { id: 'r2' }])).toEqual(['r2']);
		expect(a.take([{ id: 'r2' }, { id: 'r1' }])).toEqual([]);
		expect(a.take([{ id: 'r4' }, { id: 'r3' }])).toEqual(['r4', 'r3']);
		expect(a.take([])).toEqual([]);
	});
});
