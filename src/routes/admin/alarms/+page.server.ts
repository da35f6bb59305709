import { fail, type RequestEvent } from '@sveltejs/kit';
import { ruleInputFromForm } from '$lib/alarms/rule-form';
import { requireAdmin } from '$lib/server/alarms/http';
import { deleteRule, getRule, listRules, saveRule } from '$lib/server/alarms/rules';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The alarm rules an admin edits (the store validates each with the contract and audits it). */
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { rules: await listRules(services().db) };
};

/** The form as sent, to show again beside its problem (one value per name, lists for repeats). */
function sent(form: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = all.length > 1 || key === 'params.targets' ? all : (all[0] ?? '');
	}
	return out;
}

/** Create (no id) or replace a rule from its form; a bad one is refused naming the field. */
async function save(event: RequestEvent, action: 'create' | 'update') {
	const { actor, address } = requireAdmin(event);
	const form = await event.request.formData();
	const id = action === 'update' ? String(form.get('id') ?? '') : null;
	if (action === 'update' && !id) return fail(400, { action, problem: 'alarm_rule_not_found' });
	const r = await saveRule(services().db, id, ruleInputFromForm(form), actor, address);
	if (r.ok) return { action, done: action, id: r.id };
	const status = r.problem === 'not_found' ? 404 : 400;
	return fail(status, {
		action,
		id,
		kind: String(form.get('kind') ?? ''),
		problem: r.problem === 'not_found' ? 'alarm_rule_not_found' : 'alarm_rule_refused',
		field: r.field ?? null,
		detail: r.detail ?? null,
		values: sent(form)
	});
}

export const actions: Actions = {
	create: (event) => save(event, 'create'),
	update: (event) => save(event, 'update'),
	/** On or off, the rest of the rule as it is (still validated and audited as an update). */
	toggle: async (event) => {
		const { actor, address } = requireAdmin(event);
		const db = services().db;
		const id = String((await event.request.formData()).get('id') ?? '');
		const rule = id ? await getRule(db, id) : null;
		if (!rule) return fail(404, { action: 'toggle', id, problem: 'alarm_rule_not_found' });
		const { name, kind, params, level, enabled, escalateAfterS } = rule;
		const input = { name, kind, params, level, enabled: !enabled, escalateAfterS };
		const r = await saveRule(db, id, input, actor, address);
		if (!r.ok)
			return fail(400, { action: 'toggle', id, problem: 'alarm_rule_refused', detail: r.detail });
		return { action: 'toggle', done: enabled ? 'disabled' : 'enabled', id };
	},
	delete: async (event) => {
		const { actor, address } = requireAdmin(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!id || !(await deleteRule(services().db, id, actor, address)))
			return fail(404, { action: 'delete', id, problem: 'alarm_rule_not_found' });
		return { action: 'delete', done: 'deleted', id };
	}
};
