/**
 * The contact directory's reads and writes (table `contact`), and what of a contact leaves the
 * server: `viewOf` masks the phone, the chat id and the email for everyone but an admin, here on
 * the server, so a full number never reaches an operator's browser (not even in the page data).
 */
import Papa from 'papaparse';
import { CONTACT_COLUMNS, type ContactView } from '$lib/contacts/fields';
import { maskChatId, maskEmail, maskPhone } from '$lib/contacts/phone';
import type { Contact } from '../db/schema';
import type { Queryable } from '../db/types';
import { contactRow } from './query';
import type { ContactInput } from './fields';

const SELECT = `select id, name, role, organisation, lang, phone, telegram_chat_id as "telegramChatId",
	email, groups, area_kind as "areaKind", area_label as "areaLabel", area, team_id as "teamId",
	exercise_test as "exerciseTest", active, created_at as "createdAt", updated_at as "updatedAt"
	from contact`;

export async function readContacts(q: Queryable): Promise<Contact[]> {
	return (await q.query(`${SELECT} order by name, id`)).map(contactRow);
}

export async function readContact(q: Queryable, id: string): Promise<Contact | null> {
	const [r] = await q.query(`${SELECT} where id = $1`, [id]);
	return r ? contactRow(r) : null;
}

export async function contactIds(q: Queryable): Promise<Set<string>> {
	return new Set((await q.query<{ id: string }>(`select id from contact`)).map((r) => r.id));
}

/** Adds or updates one contact; says which. */
export async function upsertContact(q: Queryable, c: ContactInput): Promise<'added' | 'updated'> {
	const [r] = await q.query<{ added: boolean }>(
		`insert into contact (id, name, role, organisation, lang, phone, telegram_chat_id, email,
			groups, area_kind, area_label, area, team_id, exercise_test, active)
		values ($1, $2, $3, $4, $5, $6, $7, $8, ($9::text)::jsonb, $10, $11, ($12::text)::jsonb, $13,
			$14, $15)
		on conflict (id) do update set name = excluded.name, role = excluded.role,
			organisation = excluded.organisation, lang = excluded.lang, phone = excluded.phone,
			telegram_chat_id = excluded.telegram_chat_id, email = excluded.email,
			groups = excluded.groups, area_kind = excluded.area_kind, area_label = excluded.area_label,
			area = excluded.area, team_id = excluded.team_id, exercise_test = excluded.exercise_test,
			active = excluded.active, updated_at = now()
		returning (xmax = 0) as added`,
		[
			c.id,
			c.name,
			c.role,
			c.organisation,
			c.lang,
			c.phone,
			c.telegramChatId,
			c.email,
			JSON.stringify(c.groups),
			c.areaKind,
			c.areaLabel,
			JSON.stringify(c.area),
			c.teamId,
			c.exerciseTest,
			c.active
		]
	);
	return r.added ? 'added' : 'updated';
}

export async function importContacts(q: Queryable, rows: readonly ContactInput[]) {
	let added = 0;
	let updated = 0;
	for (const c of rows) {
		if ((await upsertContact(q, c)) === 'added') added++;
		else updated++;
	}
	return { added, updated };
}

/** Deactivates or reactivates one contact; false when there is no such contact. */
export async function setActive(q: Queryable, id: string, active: boolean): Promise<boolean> {
	const r = await q.query(
		`update contact set active = $2, updated_at = now() where id = $1 returning id`,
		[id, active]
	);
	return r.length > 0;
}

/** A contact as the page gets it: masked channels unless `full` (an admin). */
export function viewOf(c: Contact, full: boolean): ContactView {
	return {
		id: c.id,
		name: c.name,
		role: c.role,
		organisation: c.organisation,
		lang: c.lang,
		phone: c.phone && (full ? c.phone : maskPhone(c.phone)),
		telegramChatId: c.telegramChatId && (full ? c.telegramChatId : maskChatId(c.telegramChatId)),
		email: c.email && (full ? c.email : maskEmail(c.email)),
		groups: c.groups,
		areaKind: c.areaKind,
		areaLabel: c.areaLabel,
		teamId: c.teamId,
		exerciseTest: c.exerciseTest,
		active: c.active,
		updatedAt: c.updatedAt.toISOString()
	};
}

const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * The directory as a CSV the import takes back: a district or jamoat by its name when the name
 * resolves to the very area stored (`sameByName`), else with its area's GeoJSON in `polygon` too
 * (a drawn area, a jamoat the gazetteer does not know), so what is read back is what was stored. A text cell that a spreadsheet would run as a formula
 * gets a leading apostrophe; a phone ("+992…") and a group's chat id ("-100…") are checked values
 * and stay as they are, so the import reads them back unchanged.
 */
export function contactsCsv(rows: readonly Contact[], sameByName: (c: Contact) => boolean): string {
	const data = rows.map((c) => [
		c.id,
		safe(c.name),
		safe(c.role ?? ''),
		safe(c.organisation ?? ''),
		c.lang,
		c.phone ?? '',
		c.telegramChatId ?? '',
		c.email ?? '',
		c.groups.join(';'),
		c.areaKind,
		safe(c.areaLabel),
		c.areaKind === 'polygon' || !sameByName(c) ? JSON.stringify(c.area) : '',
		c.teamId ?? '',
		c.exerciseTest ? 'true' : 'false',
		c.active ? 'true' : 'false'
	]);
	return Papa.unparse({ fields: [...CONTACT_COLUMNS], data }, { newline: '\r\n' }) + '\r\n';
}
