import { clientAddress } from '$lib/server/auth/throttle';
import { fail } from '@sveltejs/kit';
import { actorOf, audit } from '$lib/server/auth/audit';
import { deleteReference, importReference, listReferences } from '$lib/server/reference/store';
import { ReferenceFileError, MAX_LAYER_BYTES } from '$lib/server/reference/validate';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ layers: await listReferences(services().db) });

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

export const actions: Actions = {
	/**
	 * The same import as `npm run layers:import`, from the browser: the file is validated whole
	 * (every problem named) before anything is written, and a re-import replaces the layer.
	 */
	upload: async (event) => {
		const form = await event.request.formData();
		const fields = {
			id: text(form, 'id') ?? '',
			name: text(form, 'name') ?? '',
			kind: text(form, 'kind') ?? '',
			labelField: text(form, 'labelField') ?? '',
			color: text(form, 'color') ?? '',
			attribution: text(form, 'attribution') ?? ''
		};
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { fields, problem: 'layers_file_missing', problems: [] as string[] });
		if (file.size > MAX_LAYER_BYTES)
			return fail(413, { fields, problem: 'layers_too_big', problems: [] as string[] });
		const db = services().db;
		try {
			const r = await importReference(
				db,
				{
					id: fields.id,
					name: fields.name,
					kind: fields.kind as 'other',
					labelField: fields.labelField || undefined,
					color: fields.color || undefined,
					attribution: fields.attribution || undefined
				},
				await file.text(),
				file.name
			);
			await audit(db, {
				actor: actorOf(event.locals.principal),
				action: r.replaced ? 'layer-replace' : 'layer-import',
				target: r.id,
				detail: { file: file.name, features: r.featureCount, format: r.format },
				address: clientAddress(event)
			});
			return { imported: { id: r.id, features: r.featureCount } };
		} catch (e) {
			if (e instanceof ReferenceFileError)
				return fail(400, { fields, problem: 'layers_rejected', problems: e.problems.slice(0, 20) });
			throw e;
		}
	},
	delete: async (event) => {
		const id = String((await event.request.formData()).get('id') ?? '');
		const db = services().db;
		if (!id || !(await deleteReference(db, id)))
			return fail(404, { problem: 'layers_not_found', problems: [] as string[] });
		await audit(db, {
			actor: actorOf(event.locals.principal),
			action: 'layer-delete',
			target: id,
			address: clientAddress(event)
		});
		return { deleted: id };
	}
};
