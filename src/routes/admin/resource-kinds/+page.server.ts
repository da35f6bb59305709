import { fail, type RequestEvent } from '@sveltejs/kit';
import { actorOf, audit } from '$lib/server/auth/audit';
import { allows, ADMIN } from '$lib/server/auth/roles';
import { clientAddress } from '$lib/server/auth/throttle';
import {
	addKind,
	deleteKind,
	editKind,
	KIND_FIELDS,
	listKindsWithUse,
	parseKind,
	type KindUse,
	type KindWrite
} from '$lib/server/entities/resource/kind-write';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The kinds of resource an admin edits, each with how many rows use it. */
export const load: PageServerLoad = async ({ url }) => {
	const kinds = await listKindsWithUse(services().db);
	const edit = url.searchParams.get('edit');
	return { kinds, editing: (edit && kinds.find((k) => k.id === edit)) || null };
};

function fieldsOf(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of KIND_FIELDS) {
		const v = form.get(k);
		if (typeof v === 'string') out[k] = v.slice(0, 200);
	}
	return out;
}

const who = (event: RequestEvent) => ({
	actor: actorOf(event.locals.principal),
	address: clientAddress(event)
});

/** The rule of rules.ts again, in each action (a hook that did not run still refuses). */
const refused = (event: RequestEvent) =>
	allows(ADMIN, event.locals.principal ?? null) ? null : fail(403, { problem: 'not_allowed' });

/** A refused write, for the page: the problem's message key and how many use the kind. */
function refusal(r: Exclude<KindWrite, { ok: true }>, id: string, fields?: Record<string, string>) {
	const status = r.problem === 'not_found' ? 404 : 409;
	return fail(status, {
		id,
		fields,
		problem: `rkind_problem_${r.problem}`,
		field: r.problem === 'exists' ? 'id' : r.problem === 'class_in_use' ? 'class' : null,
		used: ('used' in r ? r.used : null) as KindUse | null
	});
}

/** Add or edit from the form; a bad one is refused naming the field, and the refusal recorded. */
async function save(event: RequestEvent, editing: boolean) {
	const no = refused(event);
	if (no) return no;
	const fields = fieldsOf(await event.request.formData());
	const db = services().db;
	const r = parseKind(fields);
	if (!r.ok) {
		await audit(db, {
			...who(event),
			action: 'resource-kind-refused',
			target: fields.id || null,
			detail: { field: r.field, message: r.message }
		});
		return fail(400, {
			id: editing ? fields.id : undefined,
			fields,
			problem: `rkind_bad_${r.field}`,
			field: r.field,
			detail: r.message,
			used: null as KindUse | null
		});
	}
	const w = editing
		? await editKind(db, r.kind, who(event))
		: await addKind(db, r.kind, who(event));
	if (!w.ok) return refusal(w, editing ? r.kind.id : '', fields);
	return { saved: r.kind.names.en, id: r.kind.id };
}

export const actions: Actions = {
	add: (event) => save(event, false),
	edit: (event) => save(event, true),
	delete: async (event) => {
		const no = refused(event);
		if (no) return no;
		const id = String((await event.request.formData()).get('id') ?? '').slice(0, 64);
		const w = await deleteKind(services().db, id, who(event));
		if (!w.ok) return refusal(w, id);
		return { deleted: id };
	}
};
