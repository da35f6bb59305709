import { error } from '@sveltejs/kit';
import { services } from '$lib/server/app/runtime';
import { audit } from '$lib/server/auth/audit';
import { allows } from '$lib/server/auth/roles';
import { actorFor } from '$lib/server/console/grants';
import { contactLookup } from '$lib/server/contacts/area';
import { CONTACT_FULL } from '$lib/server/contacts/grants';
import type { Contact } from '$lib/server/db/schema';
import { contactsCsv, readContacts } from '$lib/server/contacts/store';
import type { RequestHandler } from './$types';

/**
 * The whole directory with full numbers, as a CSV the import takes back: admins only (rules.ts,
 * and checked again here), every download audited with how many contacts it held.
 */
export const GET: RequestHandler = async (event) => {
	if (!allows(CONTACT_FULL, event.locals.principal)) error(403, 'not allowed');
	const db = services().db;
	const rows = await readContacts(db);
	const lookup = await contactLookup(db, { anyGroup: true });
	const sameByName = (c: Contact) => {
		const kind = c.areaKind === 'district' || c.areaKind === 'jamoat' ? c.areaKind : null;
		const found = kind ? lookup.resolveArea(c.areaLabel, kind) : null;
		return found !== null && JSON.stringify(found.area) === JSON.stringify(c.area);
	};
	const who = actorFor(event);
	await audit(db, {
		actor: who.audit,
		address: who.address,
		action: 'contact.export',
		target: 'contacts.csv',
		detail: { contacts: rows.length }
	});
	return new Response('\uFEFF' + contactsCsv(rows, sameByName), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="contacts.csv"',
			'cache-control': 'no-store'
		}
	});
};
