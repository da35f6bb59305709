import { describe, expect, it } from 'vitest';
import { makeIncident, makeShelter } from './fixtures';
import { totals } from './totals';

describe('totals', () => {
	it('count the open and contained incidents only, and everyone in shelters', () => {
		const casualties = { dead: 1, injured: 2, missing: 3, trapped: 4 };
		const affected = { people: 10, households: 2 };
		const rows = (['reported', 'open', 'contained', 'closed'] as const).map((status) =>
			makeIncident({ id: status, status, casualties, affected })
		);
		expect(totals(rows, [makeShelter({ occupancy: 7 })])).toEqual({
			dead: 2,
			injured: 4,
			missing: 6,
			trapped: 8,
			people: 20,
			households: 4,
			sheltered: 7
		});
	});
});
