import { describe, expect, it } from 'vitest';
import { OCCUPANCY_MAX, STALE_MIN_MAX } from '$lib/console/limits';
import { activationSchema, eocSchema, occupancySchema, thresholdsSchema } from './settings-form';

type Parse =
	{ success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } };
const problem = (r: Parse) => (r.success ? null : r.error.issues[0].message);
const data = (r: Parse) => (r.success ? r.data : r.error.issues);

describe('eocSchema', () => {
	it('takes a trimmed name and whole minutes', () => {
		expect(data(eocSchema.safeParse({ eocName: ' Kulob EOC ', staleAfterMin: '15' }))).toEqual({
			eocName: 'Kulob EOC',
			staleAfterMin: 15
		});
	});
	it('refuses an empty or long name and minutes out of 1..a day', () => {
		const p = (eocName: string, staleAfterMin: string) =>
			problem(eocSchema.safeParse({ eocName, staleAfterMin }));
		expect(p('  ', '10')).toBe('eoc_name_missing');
		expect(p('x'.repeat(81), '10')).toBe('eoc_name_too_long');
		for (const m of ['', '0', '-5', '2.5', 'ten', String(STALE_MIN_MAX + 1)])
			expect(p('EOC', m), m).toBe('stale_invalid');
		expect(p('EOC', String(STALE_MIN_MAX))).toBeNull();
	});
});

describe('activationSchema', () => {
	it('takes 1 to 4 only', () => {
		expect(data(activationSchema.safeParse({ activationLevel: '3' }))).toEqual({
			activationLevel: 3
		});
		for (const v of ['', '0', '5', '2.0', 'four'])
			expect(problem(activationSchema.safeParse({ activationLevel: v })), v).toBe(
				'activation_invalid'
			);
	});
});

describe('occupancySchema', () => {
	it('takes 0 and more than a capacity (an overfull shelter is real), up to the bound', () => {
		expect(data(occupancySchema.safeParse({ id: 's1', occupancy: '0' }))).toEqual({
			id: 's1',
			occupancy: 0
		});
		expect(data(occupancySchema.safeParse({ id: 's1', occupancy: String(OCCUPANCY_MAX) }))).toEqual(
			{ id: 's1', occupancy: OCCUPANCY_MAX }
		);
	});
	it('refuses negative, fractional, empty and absurd numbers, and a missing shelter', () => {
		for (const v of ['', '-1', '1.5', '1e3', String(OCCUPANCY_MAX + 1)])
			expect(problem(occupancySchema.safeParse({ id: 's1', occupancy: v })), v).toBe(
				'occupancy_invalid'
			);
		expect(problem(occupancySchema.safeParse({ id: '', occupancy: '3' }))).toBe('shelter_unknown');
	});
});

describe('thresholdsSchema', () => {
	const p = (warning: string, danger: string) =>
		thresholdsSchema.safeParse({ id: 'g1', warning, danger });
	it('reads empty as none and a decimal comma as a point', () => {
		expect(data(p('', ''))).toEqual({ id: 'g1', warning: null, danger: null });
		expect(data(p('2,5', '3.75'))).toEqual({ id: 'g1', warning: 2.5, danger: 3.75 });
		expect(data(p('', '-1'))).toEqual({ id: 'g1', warning: null, danger: -1 });
	});
	it('wants warning below danger when both are set', () => {
		expect(problem(p('3', '3'))).toBe('thresholds_order');
		expect(problem(p('4', '3'))).toBe('thresholds_order');
		expect(problem(p('4', ''))).toBeNull();
	});
	it('refuses what is not a plain number', () => {
		for (const v of ['abc', '1,2,3', '1e3', 'NaN', 'Infinity', '--1', '0x10'])
			expect(problem(p(v, '')), v).toBe('threshold_invalid');
	});
});
