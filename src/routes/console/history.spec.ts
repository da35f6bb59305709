import { describe, expect, it } from 'vitest';
import { historyParts } from './history';

const text = (data: unknown) =>
	historyParts(data)
		.map((p) => (p.label ? `${p.label}: ${p.value}` : p.value))
		.join(' · ');

describe('an incident event, worded for the history table', () => {
	it('says what an edit changed, and the counts by name', () => {
		const data = {
			before: { status: 'open', severity: 3, title: 'Сел дар кӯчаи Чормағзон' },
			after: { status: 'contained', severity: 4, title: 'Сел дар кӯчаи Чормағзон' },
			casualties: { dead: 0, injured: 2, missing: 1, trapped: 3 },
			affected: { people: 120, households: 24 },
			note: 'Road cleared'
		};
		expect(text(data)).toBe(
			'Severity: 3 → 4 · Status: open → contained · Dead: 0 · Injured: 2 · Missing: 1 · ' +
				'Trapped: 3 · People affected: 120 · Households affected: 24 · Note: Road cleared'
		);
	});

	it('reads in one order whatever order the database returns the keys in', () => {
		// jsonb orders keys by length: affected before casualties, note before title.
		const stored = {
			note: 'n',
			title: 'x',
			affected: { people: 5 },
			casualties: { dead: 1 }
		};
		expect(text(stored)).toBe('Title: x · Dead: 1 · People affected: 5 · Note: n');
	});

	it('names the team and its message, and leaves out what is empty', () => {
		expect(text({ teamId: 'kulob-rescue-1', message: 'Go to the bridge', from: null })).toBe(
			'Team: kulob-rescue-1 · Message: Go to the bridge'
		);
		expect(historyParts({})).toEqual([]);
		expect(historyParts(null)).toEqual([]);
	});

	it('keeps keys it does not know under their own name, so nothing recorded is hidden', () => {
		expect(text({ type: 'mudflow', windowKm: 2, extra: { a: [1] } })).toBe(
			'Type: Mudflow · windowKm: 2 · extra: {"a":[1]}'
		);
		expect(text({ constructor: 1, status: 'toString' })).toBe('Status: toString · constructor: 1');
	});

	it('returns field text as it came, for the page to render as text', () => {
		const hostile = '<img src=x onerror="window.__xss=2">';
		expect(historyParts({ title: hostile })).toEqual([{ label: 'Title', value: hostile }]);
	});
});
