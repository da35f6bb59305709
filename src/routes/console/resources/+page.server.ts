import { fieldsOf } from '$lib/server/console/incident-forms';
import { services } from '$lib/server/app/runtime';
import { readResourceKinds, readResources, readStock } from '$lib/server/entities/resource/read';
import {
	addResource,
	editResource,
	retireResource,
	saveStore,
	setStock
} from '$lib/server/entities/resource/register';
import { readTeams } from '$lib/server/entities/team/read';
import { importAction } from '$lib/server/resources/import-action';
import { MAX_IMPORT_ROWS } from '$lib/server/resources/import';
import { registerAction } from '$lib/server/resources/register-actions';
import {
	idProblem,
	parseResource,
	parseStock,
	parseStore,
	RESOURCE_FIELDS,
	STOCK_FIELDS,
	STORE_FIELDS,
	type StoreInput
} from '$lib/server/resources/register-fields';
import { filterRegister, registerFilter, SHOWN_AT_MOST } from '$lib/resources/register-filter';
import type { Actions, PageServerLoad } from './$types';

/**
 * The register (the real picture's: a drill's equipment and stores are its own): the resources,
 * filtered by kind, status and a search (the query string, so it works without JavaScript), the
 * stores with their supplies, and what is being edited (`?edit=`, `?store=`).
 */
export const load: PageServerLoad = async ({ url }) => {
	const db = services().db;
	const all = await readResources(db);
	const filter = registerFilter(url.searchParams);
	const shown = filterRegister(all, filter);
	const stores = await db.query<StoreInput>(
		`select id, name, agency, district, lat, lon from store where exercise is null
		order by name, id`
	);
	const edit = url.searchParams.get('edit');
	const store = url.searchParams.get('store');
	return {
		total: all.length,
		matching: shown.length,
		resources: shown.slice(0, SHOWN_AT_MOST),
		filter,
		kinds: await readResourceKinds(db),
		teams: (await readTeams(db)).map((t) => ({ id: t.id, callsign: t.callsign })),
		stores,
		stock: await readStock(db),
		editing: edit ? (all.find((r) => r.id === edit) ?? null) : null,
		editingStore: store ? (stores.find((s) => s.id === store) ?? null) : null,
		maxRows: MAX_IMPORT_ROWS
	};
};

export const actions: Actions = {
	add: async (event) => {
		const fields = fieldsOf(await event.request.formData(), RESOURCE_FIELDS);
		return registerAction(
			event,
			{ action: 'add', target: fields.id || null, fields, parse: parseResource },
			async (tx, r, who, changes) => {
				await addResource(tx, r, who, changes);
				return { done: r.id, name: r.name };
			}
		);
	},
	edit: async (event) => {
		const fields = fieldsOf(await event.request.formData(), RESOURCE_FIELDS);
		return registerAction(
			event,
			{ action: 'edit', target: fields.id || null, fields, parse: parseResource },
			async (tx, r, who, changes) => {
				await editResource(tx, r, who, changes);
				return { done: r.id, name: r.name };
			}
		);
	},
	retire: async (event) => {
		const fields = fieldsOf(await event.request.formData(), ['id']);
		return registerAction(
			event,
			{
				action: 'retire',
				target: fields.id || null,
				fields,
				parse: (f) => {
					const bad = idProblem(f.id);
					return bad ? { ok: false, problems: [bad] } : { ok: true, value: f.id.trim() };
				}
			},
			async (tx, id, who, changes) => {
				await retireResource(tx, id, who, changes);
				return { done: id };
			}
		);
	},
	store: async (event) => {
		const form = await event.request.formData();
		const fields = fieldsOf(form, [...STORE_FIELDS, 'isNew']);
		return registerAction(
			event,
			{ action: 'store', target: fields.id || null, fields, parse: (f) => parseStore(f) },
			async (tx, s, who, changes) => {
				await saveStore(tx, s, fields.isNew === '1', who, changes);
				return { done: s.id, name: s.name };
			}
		);
	},
	stock: async (event) => {
		const fields = fieldsOf(await event.request.formData(), STOCK_FIELDS);
		return registerAction(
			event,
			{
				action: 'stock',
				target: `${fields.storeId}:${fields.kindId}`,
				fields,
				parse: parseStock
			},
			async (tx, s, who, changes) => {
				await setStock(tx, s, who, changes);
				return { done: `${s.storeId}:${s.kindId}` };
			}
		);
	},
	import: importAction
};
