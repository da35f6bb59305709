/**
 * The contact directory's vocabulary, shared by the server (checks, import, export) and the
 * console page (filters, form, problem words): languages, the usual groups, how an area is given,
 * and the CSV columns in the order the export writes them (docs/messaging.md "Contacts").
 */
export const CONTACT_LANGS = ['tg', 'ru', 'en'] as const;
export type ContactLang = (typeof CONTACT_LANGS)[number];

/** The groups a warning is usually sent to; an admin may use others (a lower-case word). */
export const CONTACT_GROUPS = [
	'focal_point',
	'village_head',
	'school',
	'clinic',
	'hukumat',
	'team_leader'
] as const;
export type ContactGroup = (typeof CONTACT_GROUPS)[number];
export const GROUP_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

export const AREA_KINDS = ['district', 'jamoat', 'polygon'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** The CSV columns, in the export's order; the import takes them in any order. */
export const CONTACT_COLUMNS = [
	'id',
	'name',
	'role',
	'organisation',
	'lang',
	'phone',
	'telegram_chat_id',
	'email',
	'groups',
	'area_kind',
	'area',
	'polygon',
	'team',
	'exercise_test',
	'active'
] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/** The example the import section shows (and docs/messaging.md): the unit tests import it. */
export const CONTACT_CSV_EXAMPLE = [
	CONTACT_COLUMNS.join(','),
	'vs-fp-1,Rahimov Saidali,Focal point,Hukumat of Vose,tg,+992 90 000 1001,,,focal_point,district,Vose,,,false,true',
	'kl-sch-53,School No. 53,Director,Kulob education department,ru,,,school53@example.org,school,,Kulob,,,false,true'
].join('\n');

/** The form's fields (the CSV's columns; `groups` split by commas or semicolons). */
export const CONTACT_FIELDS = CONTACT_COLUMNS;

export const CONTACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** One problem of one field: a message key (contacts_problem_*) and its values. */
export interface ContactProblem {
	field: ContactColumn | 'file';
	problem: string;
	params?: Record<string, string | number>;
}

/** A contact as the console page gets it: channels masked unless the viewer is an admin. */
export interface ContactView {
	id: string;
	name: string;
	role: string | null;
	organisation: string | null;
	lang: string;
	phone: string | null;
	telegramChatId: string | null;
	email: string | null;
	groups: string[];
	areaKind: string;
	areaLabel: string;
	teamId: string | null;
	exerciseTest: boolean;
	active: boolean;
	updatedAt: string;
}
