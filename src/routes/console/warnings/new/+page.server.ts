import { redirect } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts/common';
import { services } from '$lib/server/app/runtime';
import { readHazards } from '$lib/server/entities/hazard/read';
import { NEW_WARNING_ACTIONS, refusedFor, withWarningForm } from '$lib/server/warnings/actions';
import { alarmPrefill, templateFields } from '$lib/server/warnings/prefill';
import { draftWarning } from '$lib/server/warnings/store';
import { hazardOf, HAZARDS } from '$lib/server/warnings/templates';
import type { Actions, PageServerLoad } from './$types';

/**
 * A new warning: from a hazard's template (`?hazard=`), or from an alarm (`?alarm=<id>`), which
 * proposes the hazard, the area and the level.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const db = services().db;
	const alarmId = url.searchParams.get('alarm') ?? '';
	const prefill =
		alarmId && ID_PATTERN.test(alarmId) ? await alarmPrefill(db, alarmId, locals.exercise) : null;
	const asked = url.searchParams.get('hazard');
	// Mudflow first: the hazard the EOC warns of most (a template is one click away).
	const fields =
		prefill && !asked ? prefill.fields : templateFields(asked ? hazardOf(asked) : 'mudflow');
	if (prefill && asked) fields.alarmId = prefill.alarm.id;
	return {
		hazards: HAZARDS,
		fields,
		alarm: prefill?.alarm ?? null,
		alarmMissing: alarmId !== '' && !prefill,
		extents: (await readHazards(db, locals.exercise)).map((h) => ({ id: h.id, kind: h.kind }))
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const no = refusedFor(event, NEW_WARNING_ACTIONS.draft, 'draft');
		if (no) return no;
		const answer = await withWarningForm(event, 'draft', null, async (f, actor) => ({
			id: await draftWarning(services().db, f, actor, event.locals.exercise)
		}));
		// Saved: to the draft's own page, where it waits for another supervisor.
		if ('id' in answer && typeof answer.id === 'string')
			redirect(303, `/console/warnings/${answer.id}`);
		return answer;
	}
};
