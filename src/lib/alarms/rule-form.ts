/**
 * The admin's rule form: which inputs each kind of rule has, and how a submitted form becomes the
 * object the contract (contracts/alarm-rule.ts) validates. The form only shapes the text into
 * numbers, nulls and lists; every check is the contract's, so a bad rule is refused with the
 * contract's own field path (`params.threshold`), which is also the input's name.
 */
import { RULE_KINDS, type RuleKind } from '$lib/contracts/alarm-rule';

export type ParamInput =
	/** a number; empty leaves the contract's default (or its "required") */
	| { name: string; type: 'number'; step?: string; min?: number; max?: number }
	/** free text; empty is null */
	| { name: string; type: 'text' }
	/** the gauge's "warning" or "danger" line, or a number (in `params.thresholdValue`) */
	| { name: string; type: 'threshold' }
	/** some of a fixed list (checkboxes) */
	| { name: string; type: 'choices'; choices: readonly string[] };

export const PARAM_INPUTS: Record<RuleKind, readonly ParamInput[]> = {
	gauge_level: [
		{ name: 'sensor', type: 'text' },
		{ name: 'threshold', type: 'threshold' },
		{ name: 'hysteresis', type: 'number', step: 'any', min: 0 }
	],
	gauge_rate: [
		{ name: 'sensor', type: 'text' },
		{ name: 'risePerHour', type: 'number', step: 'any' },
		{ name: 'windowMinutes', type: 'number', step: '1', min: 1, max: 360 }
	],
	team_silent: [{ name: 'afterMinutes', type: 'number', step: '1', min: 1, max: 1440 }],
	team_emergency: [],
	incident_unassigned: [
		{ name: 'minSeverity', type: 'number', step: '1', min: 1, max: 5 },
		{ name: 'afterMinutes', type: 'number', step: '1', min: 1, max: 1440 }
	],
	hazard_reaches: [
		{ name: 'targets', type: 'choices', choices: ['shelter', 'school', 'place'] },
		{ name: 'bufferM', type: 'number', step: 'any', min: 0, max: 10000 }
	],
	report_waiting: [{ name: 'afterMinutes', type: 'number', step: '1', min: 1, max: 1440 }],
	stock_below: [
		{ name: 'resourceKind', type: 'text' },
		{ name: 'store', type: 'text' }
	]
};

export function isRuleKind(k: string): k is RuleKind {
	return (RULE_KINDS as string[]).includes(k);
}

/** "12" → 12; "" → undefined (the default applies); "abc" stays text (the contract refuses it). */
function number(v: string): number | string | undefined {
	const s = v.trim();
	if (s === '') return undefined;
	const n = Number(s.replace(',', '.'));
	return Number.isFinite(n) ? n : s;
}

/** What a form read gives: one value per name, all values for a repeated one. */
export interface FormLike {
	get(name: string): FormDataEntryValue | null;
	getAll(name: string): FormDataEntryValue[];
}

const text = (f: FormLike, name: string) => {
	const v = f.get(name);
	return typeof v === 'string' ? v : '';
};

/** The submitted form as the contract's input (validated by the store, not here). */
export function ruleInputFromForm(f: FormLike): Record<string, unknown> {
	const kind = text(f, 'kind');
	const params: Record<string, unknown> = {};
	for (const p of isRuleKind(kind) ? PARAM_INPUTS[kind] : []) {
		const key = `params.${p.name}`;
		const v = text(f, key);
		if (p.type === 'text') params[p.name] = v.trim() === '' ? null : v.trim();
		else if (p.type === 'choices')
			params[p.name] = f.getAll(key).filter((x): x is string => typeof x === 'string');
		else if (p.type === 'threshold') {
			const t = v.trim();
			const value = number(text(f, `${key}Value`));
			params[p.name] = t === 'warning' || t === 'danger' ? t : (value ?? '');
		} else {
			const n = number(v);
			if (n !== undefined) params[p.name] = n;
		}
	}
	const escalate = number(text(f, 'escalateAfterS'));
	return {
		kind,
		name: text(f, 'name'),
		level: text(f, 'level'),
		enabled: f.get('enabled') !== null,
		escalateAfterS: escalate ?? null,
		params
	};
}

/** A stored rule's params as the form's input values (for editing). */
export function paramValue(params: Record<string, unknown>, p: ParamInput): string | string[] {
	const v = params[p.name];
	if (p.type === 'choices') return Array.isArray(v) ? v.map(String) : [];
	return v === null || v === undefined ? '' : String(v);
}
