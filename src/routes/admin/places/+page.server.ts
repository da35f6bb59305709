import { fail, type RequestEvent } from '@sveltejs/kit';
import { actorOf, audit } from '$lib/server/auth/audit';
import { allows, ADMIN } from '$lib/server/auth/roles';
import { clientAddress } from '$lib/server/auth/throttle';
import { MAX_IMPORT_BYTES, parsePlaceFile } from '$lib/server/places/import';
import {
	addPlaces,
	deletePlace,
	getPlace,
	listPlaces,
	parsePlace,
	PLACE_FIELDS,
	updatePlace
} from '$lib/server/places/store';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = services().db;
	const edit = url.searchParams.get('edit');
	return {
		places: await listPlaces(db),
		editing: edit ? await getPlace(db, edit.slice(0, 100)) : null
	};
};

const FORM_FIELDS = [...PLACE_FIELDS, 'point'] as const;

function fieldsOf(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of FORM_FIELDS) {
		const v = form.get(k);
		if (typeof v === 'string') out[k] = v;
	}
	return out;
}

const who = (event: RequestEvent) => ({
	actor: actorOf(event.locals.principal),
	address: clientAddress(event)
});

/**
 * A place from the form, or a 400 naming the field (`field` for the page to mark it); the refusal
 * is recorded, as every refused outside input is.
 */
async function placeOrFail(event: RequestEvent, form: FormData, id?: string) {
	const fields = fieldsOf(form);
	const r = parsePlace(fields);
	if (r.ok) return { place: r.place, fields };
	await audit(services().db, {
		...who(event),
		action: 'place-refused',
		target: id ?? fields.name ?? null,
		detail: { field: r.field, message: r.message }
	});
	return {
		failed: fail(400, {
			fields,
			id,
			problem: `places_bad_${r.field}`,
			field: r.field,
			detail: r.message
		})
	};
}

/** The rule of rules.ts again, in each action (a hook that did not run still refuses). */
const refused = (event: RequestEvent) =>
	allows(ADMIN, event.locals.principal ?? null) ? null : fail(403, { problem: 'not_allowed' });

export const actions: Actions = {
	add: async (event) => {
		const no = refused(event);
		if (no) return no;
		const r = await placeOrFail(event, await event.request.formData());
		if ('failed' in r) return r.failed;
		const db = services().db;
		const actor = actorOf(event.locals.principal);
		const [id] = await addPlaces(db, [r.place], actor);
		await audit(db, { ...who(event), action: 'place-add', target: id, detail: { ...r.place } });
		return { saved: r.place.name };
	},
	edit: async (event) => {
		const no = refused(event);
		if (no) return no;
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '').slice(0, 100);
		const r = await placeOrFail(event, form, id);
		if ('failed' in r) return r.failed;
		const db = services().db;
		if (!id || !(await updatePlace(db, id, r.place)))
			return fail(404, { fields: r.fields, id, problem: 'places_not_found' });
		await audit(db, { ...who(event), action: 'place-edit', target: id, detail: { ...r.place } });
		return { saved: r.place.name };
	},
	delete: async (event) => {
		const no = refused(event);
		if (no) return no;
		const id = String((await event.request.formData()).get('id') ?? '').slice(0, 100);
		const db = services().db;
		const place = id ? await getPlace(db, id) : null;
		if (!place || !(await deletePlace(db, id))) return fail(404, { problem: 'places_not_found' });
		await audit(db, {
			...who(event),
			action: 'place-delete',
			target: id,
			detail: { name: place.name }
		});
		return { deleted: place.name };
	},
	/** Many places from a CSV or GeoJSON file: every row validated, then all added or none. */
	import: async (event) => {
		const no = refused(event);
		if (no) return no;
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { importProblem: 'places_file_missing', problems: [] as string[] });
		if (file.size > MAX_IMPORT_BYTES)
			return fail(413, { importProblem: 'places_file_too_big', problems: [] as string[] });
		const db = services().db;
		const r = parsePlaceFile(await file.text(), file.name);
		if (!r.ok) {
			await audit(db, {
				...who(event),
				action: 'place-import-refused',
				target: file.name,
				detail: { problems: r.problems }
			});
			return fail(400, { importProblem: 'places_file_rejected', problems: r.problems });
		}
		const ids = await addPlaces(db, r.places, actorOf(event.locals.principal));
		await audit(db, {
			...who(event),
			action: 'place-import',
			target: file.name,
			detail: { places: ids.length }
		});
		return { importedPlaces: ids.length };
	}
};
