import { CONTACT_GROUPS } from '$lib/contacts/fields';
import { services } from '$lib/server/app/runtime';
import { audit } from '$lib/server/auth/audit';
import { allows } from '$lib/server/auth/roles';
import { actorFor, mayUse } from '$lib/server/console/grants';
import { activeAction, importAction, REMOVE, saveAction } from '$lib/server/contacts/actions';
import { CONTACT_ACTIONS, CONTACT_FULL } from '$lib/server/contacts/grants';
import { MAX_IMPORT_ROWS } from '$lib/server/contacts/import';
import { contactFilter, countsOf, filterContacts, SHOWN_AT_MOST } from '$lib/server/contacts/list';
import { readContacts, viewOf } from '$lib/server/contacts/store';
import { readTeams } from '$lib/server/entities/team/read';
import type { Actions, PageServerLoad } from './$types';

/**
 * The contact directory: the list (filtered by group, area and a search), the form that adds and
 * edits (`?edit=`), the CSV import. Every channel is masked here on the server unless the viewer
 * is an admin; an admin's view of the full numbers is audited, as the export is.
 */
export const load: PageServerLoad = async (event) => {
	const db = services().db;
	const all = await readContacts(db);
	const filter = contactFilter(event.url.searchParams);
	const matching = filterContacts(all, filter);
	const shown = matching.slice(0, SHOWN_AT_MOST);
	const full = allows(CONTACT_FULL, event.locals.principal);
	const edit = event.url.searchParams.get('edit');
	const editing = edit ? (all.find((c) => c.id === edit) ?? null) : null;
	if (full && (shown.length > 0 || editing)) {
		const who = actorFor(event);
		await audit(db, {
			actor: who.audit,
			address: who.address,
			action: 'contact.view-full',
			target: editing?.id ?? null,
			detail: { shown: shown.length, filter: { ...filter } }
		});
	}
	return {
		total: all.length,
		matching: matching.length,
		contacts: shown.map((c) => viewOf(c, full)),
		filter,
		counts: countsOf(all),
		teams: Object.fromEntries(
			(await readTeams(db)).map((t) => [t.id, t.callsign] as const)
		) as Record<string, string>,
		groups: [...new Set([...CONTACT_GROUPS, ...all.flatMap((c) => c.groups)])],
		editing: editing ? viewOf(editing, full) : null,
		editingPolygon: editing?.areaKind === 'polygon' ? JSON.stringify(editing.area) : '',
		may: { ...mayUse(CONTACT_ACTIONS, event), full, export: full },
		remove: REMOVE,
		maxRows: MAX_IMPORT_ROWS
	};
};

export const actions: Actions = {
	save: saveAction,
	active: activeAction,
	import: importAction
};
