import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstProblem, newIncidentSchema, PLACE_MAX } from './incident-forms';

const form = (place: string) => ({
	type: 'landslide',
	severity: '3',
	title: 'Landslide',
	description: '',
	place,
	lat: '37.9',
	lon: '69.8',
	dead: '0',
	injured: '0',
	missing: '0',
	trapped: '0',
	people: '0',
	households: '0'
});

describe("the new incident's place", () => {
	it('is trimmed, and empty means none', () => {
		expect(newIncidentSchema.parse(form('  Muminobod ')).place).toBe('Muminobod');
		expect(newIncidentSchema.parse(form('   ')).place).toBeNull();
	});

	it('refuses a name that is too long, with a message that says the limit', () => {
		expect(newIncidentSchema.parse(form('x'.repeat(PLACE_MAX))).place).toHaveLength(PLACE_MAX);
		const r = newIncidentSchema.safeParse(form('x'.repeat(PLACE_MAX + 1)));
		expect(r.success).toBe(false);
		if (!r.success)
			expect(firstProblem(r.error)).toEqual({ problem: 'place_too_long', field: 'place' });
		const en = JSON.parse(
			readFileSync(new URL('../../../../messages/en.json', import.meta.url), 'utf8')
		) as Record<string, string>;
		expect(en.place_too_long).toContain(String(PLACE_MAX));
	});
});
