import { describe, expect, it } from 'vitest';
import { alarmRuleSchema } from '$lib/contracts/alarm-rule';
import { ruleInputFromForm } from './rule-form';

const form = (pairs: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of pairs) f.append(k, v);
	return f;
};

describe('the admin rule form', () => {
	it('shapes a gauge rule: the danger line, defaults for empty fields, no escalation', () => {
		const input = ruleInputFromForm(
			form([
				['kind', 'gauge_level'],
				['name', 'River high'],
				['level', 'danger'],
				['enabled', 'on'],
				['escalateAfterS', ''],
				['params.sensor', ''],
				['params.threshold', 'danger'],
				['params.thresholdValue', ''],
				['params.hysteresis', '0,5']
			])
		);
		expect(input).toEqual({
			kind: 'gauge_level',
			name: 'River high',
			level: 'danger',
			enabled: true,
			escalateAfterS: null,
			params: { sensor: null, threshold: 'danger', hysteresis: 0.5 }
		});
		expect(alarmRuleSchema.safeParse(input).success).toBe(true);
	});

	it('takes a value threshold and the checked targets; unchecked is off', () => {
		const gauge = ruleInputFromForm(
			form([
				['kind', 'gauge_level'],
				['params.threshold', 'value'],
				['params.thresholdValue', '3.5']
			])
		);
		expect(gauge.enabled).toBe(false);
		expect((gauge.params as Record<string, unknown>).threshold).toBe(3.5);
		const hazard = ruleInputFromForm(
			form([
				['kind', 'hazard_reaches'],
				['params.targets', 'school'],
				['params.targets', 'place']
			])
		);
		expect((hazard.params as Record<string, unknown>).targets).toEqual(['school', 'place']);
	});

	it('leaves what is wrong for the contract to refuse, naming the field', () => {
		const input = ruleInputFromForm(
			form([
				['kind', 'gauge_level'],
				['name', 'x'],
				['level', 'danger'],
				['params.threshold', 'value'],
				['params.thresholdValue', '']
			])
		);
		const r = alarmRuleSchema.safeParse(input);
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path.join('.')).toBe('params.threshold');
		const minutes = ruleInputFromForm(
			form([
				['kind', 'team_silent'],
				['params.afterMinutes', 'soon']
			])
		);
		expect((minutes.params as Record<string, unknown>).afterMinutes).toBe('soon');
	});

	it('shapes a stock rule: empty kind and store are "any"', () => {
		const input = ruleInputFromForm(
			form([
				['kind', 'stock_below'],
				['name', 'Tents low'],
				['level', 'warning'],
				['enabled', 'on'],
				['params.resourceKind', ' tent '],
				['params.store', '']
			])
		);
		expect(input.params).toEqual({ resourceKind: 'tent', store: null });
		expect(alarmRuleSchema.safeParse(input).success).toBe(true);
	});
});
