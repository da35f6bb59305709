/**
 * The contact directory from a CSV file (docs/messaging.md "Contacts"): a header line naming the
 * columns (CONTACT_COLUMNS, any order, a few aliases), then a contact a line. Every row is
 * checked before anything is written: a bad row is named by its line with each field's problem.
 * An id already in the directory is updated; an id twice in the file is a bad row (its second
 * line). The same shape as the resource register's import (resources/import.ts).
 */
import type { ContactColumn, ContactProblem } from '$lib/contacts/fields';
import { csvRows } from '../csv/rows';
import { parseContact, type ContactInput, type ContactLookup, type RawContact } from './fields';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** The bad rows an answer lists at most (the count says how many there are in all). */
export const MAX_LISTED_ROWS = 50;

const HEADER_ALIASES: Record<string, ContactColumn> = {
	id: 'id',
	contact_id: 'id',
	name: 'name',
	role: 'role',
	position: 'role',
	organisation: 'organisation',
	organization: 'organisation',
	org: 'organisation',
	lang: 'lang',
	language: 'lang',
	phone: 'phone',
	mobile: 'phone',
	msisdn: 'phone',
	sms: 'phone',
	telegram_chat_id: 'telegram_chat_id',
	telegram: 'telegram_chat_id',
	chat_id: 'telegram_chat_id',
	email: 'email',
	'e-mail': 'email',
	groups: 'groups',
	group: 'groups',
	area_kind: 'area_kind',
	area: 'area',
	district_or_jamoat: 'area',
	polygon: 'polygon',
	geometry: 'polygon',
	team: 'team',
	team_id: 'team',
	exercise_test: 'exercise_test',
	exercise: 'exercise_test',
	active: 'active'
};

export interface BadRow {
	line: number;
	/** The row's id as written (may be empty or bad itself). */
	id: string;
	problems: ContactProblem[];
}

export type ContactImport =
	| {
			ok: true;
			good: ContactInput[];
			/** Of the good rows, those whose id is in the directory already (they update it). */
			updates: number;
			badCount: number;
			/** The first MAX_LISTED_ROWS bad rows. */
			bad: BadRow[];
	  }
	/** The file as a whole cannot be read: a message key and its values. */
	| { ok: false; problem: string; params?: Record<string, string | number> };

/** Checks every row of a contacts CSV against the places, the teams and the directory's ids. */
export function parseContactCsv(
	input: string,
	lookup: ContactLookup,
	existing: ReadonlySet<string>
): ContactImport {
	const { rows, errors } = csvRows(input.replace(/^\uFEFF/, ''));
	if (errors.length)
		return {
			ok: false,
			problem: 'contacts_file_unreadable',
			params: { line: errors[0].line, message: errors[0].message }
		};
	const [header, ...body] = rows;
	if (!header) return { ok: false, problem: 'contacts_file_empty' };
	const keys = header.cells.map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/\s+/g, '_')]);
	for (const need of ['id', 'name'] as const)
		if (!keys.includes(need))
			return { ok: false, problem: 'contacts_file_header', params: { need } };
	if (!keys.includes('area') && !keys.includes('polygon'))
		return { ok: false, problem: 'contacts_file_header', params: { need: 'area' } };
	if (body.length === 0) return { ok: false, problem: 'contacts_file_empty' };
	if (body.length > MAX_IMPORT_ROWS)
		return { ok: false, problem: 'contacts_file_too_many', params: { max: MAX_IMPORT_ROWS } };

	const good: ContactInput[] = [];
	const bad: BadRow[] = [];
	let badCount = 0;
	let updates = 0;
	const seen = new Map<string, number>();
	for (const { line, cells } of body) {
		const raw: RawContact = {};
		keys.forEach((k, i) => {
			if (k && cells[i] !== undefined && raw[k] === undefined) raw[k] = cells[i];
		});
		const r = parseContact(raw, lookup);
		const problems = r.ok ? [] : [...r.problems];
		const id = (raw.id ?? '').trim();
		const first = seen.get(id);
		if (id && first !== undefined)
			problems.unshift({
				field: 'id',
				problem: 'contacts_problem_id_repeated',
				params: { line: first }
			});
		else if (id) seen.set(id, line);
		if (problems.length) {
			badCount++;
			if (bad.length < MAX_LISTED_ROWS) bad.push({ line, id, problems });
		} else if (r.ok) {
			good.push(r.value);
			if (existing.has(id)) updates++;
		}
	}
	return { ok: true, good, updates, badCount, bad };
}
