import { describe, expect, it } from 'vitest';
import { makeIncident, makeShelter } from '$lib/live/fixtures';
import { awaitingVerification, verifiedIncidents } from './incidents';
import { totals } from '$lib/live/totals';

describe('incidents on the wall', () => {
	const rows = [
		makeIncident({ id: 'a', severity: 3 }),
		makeIncident({
			id: 'b',
			severity: 5,
			casualties: { dead: 2, injured: 1, missing: 0, trapped: 14 }
		}),
		makeIncident({ id: 'c', status: 'reported', severity: 5 }),
		makeIncident({
			id: 'd',
			status: 'contained',
			severity: 4,
			affected: { people: 30, households: 6 }
		})
	];

	it('are the verified ones, most severe first', () => {
		expect(verifiedIncidents(rows).map((i) => i.id)).toEqual(['b', 'd', 'a']);
		expect(awaitingVerification(rows)).toBe(1);
	});

	it('add up to the totals, with the people in shelters', () => {
		const shelters = [makeShelter({ occupancy: 120 }), makeShelter({ id: 's2', occupancy: 35 })];
		expect(totals(verifiedIncidents(rows), shelters)).toEqual({
			dead: 2,
			injured: 1,
			missing: 0,
			trapped: 14,
			people: 30,
			households: 6,
			sheltered: 155
		});
	});
});
