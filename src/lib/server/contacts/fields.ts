/**
 * One contact checked field by field, as a CSV row or the console's form sends it (strings):
 * every problem named with its field, not only the first, so an import can say all that is wrong
 * with a line at once. Pure: the places and teams come in `lookup` (area.ts builds it).
 */
import {
	AREA_KINDS,
	CONTACT_GROUPS,
	CONTACT_ID,
	CONTACT_LANGS,
	GROUP_PATTERN,
	type AreaKind,
	type ContactColumn,
	type ContactLang,
	type ContactProblem
} from '$lib/contacts/fields';
import { normaliseChatId, normaliseEmail, normalisePhone } from '$lib/contacts/phone';

/** A contact ready to be written. */
export interface ContactInput {
	id: string;
	name: string;
	role: string | null;
	organisation: string | null;
	lang: ContactLang;
	phone: string | null;
	telegramChatId: string | null;
	email: string | null;
	groups: string[];
	areaKind: AreaKind;
	areaLabel: string;
	area: GeoJSON.Geometry;
	teamId: string | null;
	exerciseTest: boolean;
	active: boolean;
}

/** A district's or jamoat's name resolved to where it is. */
export interface ResolvedArea {
	kind: 'district' | 'jamoat';
	label: string;
	area: GeoJSON.Geometry;
}

export interface ContactLookup {
	/** The place of a name (the gazetteer, the admin's places, the boundary layers); null: unknown. */
	resolveArea(name: string, kind: 'district' | 'jamoat' | null): ResolvedArea | null;
	teams: ReadonlySet<string>;
	/** An admin may use groups beyond CONTACT_GROUPS. */
	anyGroup: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ContactProblem[] };
export type RawContact = Partial<Record<ContactColumn, string>>;

const MAX_TEXT = 120;
const MAX_POLYGON_CHARS = 100_000;
const TRUE = new Set(['1', 'true', 'yes', 'y', 'да', 'ҳа']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'нет', 'не']);

const text = (v: string | undefined) => (v ?? '').trim().replace(/\s+/g, ' ');

/** `groups` as typed: separated by commas, semicolons or bars; lower case. */
export const splitGroups = (v: string) => [
	...new Set(
		v
			.split(/[,;|]/)
			.map((g) =>
				g
					.trim()
					.toLowerCase()
					.replace(/[\s-]+/g, '_')
			)
			.filter(Boolean)
	)
];

function flag(v: string | undefined, dflt: boolean): boolean | null {
	const s = text(v).toLowerCase();
	if (s === '') return dflt;
	return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
}

const inRange = (p: unknown) =>
	Array.isArray(p) &&
	p.length >= 2 &&
	typeof p[0] === 'number' &&
	typeof p[1] === 'number' &&
	Math.abs(p[0]) <= 180 &&
	Math.abs(p[1]) <= 90;
const ringOk = (r: unknown) =>
	Array.isArray(r) &&
	r.length >= 4 &&
	r.every(inRange) &&
	r[0][0] === r.at(-1)[0] &&
	r[0][1] === r.at(-1)[1];
const polygonOk = (rings: unknown) =>
	Array.isArray(rings) && rings.length > 0 && rings.every(ringOk);

/** A GeoJSON Polygon or MultiPolygon (the geometry, or a Feature holding one); null when not. */
export function parsePolygon(v: string): GeoJSON.Polygon | GeoJSON.MultiPolygon | null {
	if (v.length > MAX_POLYGON_CHARS) return null;
	let g: unknown;
	try {
		g = JSON.parse(v);
	} catch {
		return null;
	}
	if (g && typeof g === 'object' && (g as GeoJSON.Feature).type === 'Feature')
		g = (g as GeoJSON.Feature).geometry;
	const o = g as GeoJSON.Geometry | null;
	if (o?.type === 'Polygon' && polygonOk(o.coordinates))
		return { type: 'Polygon', coordinates: o.coordinates };
	if (o?.type === 'MultiPolygon' && o.coordinates.length > 0 && o.coordinates.every(polygonOk))
		return { type: 'MultiPolygon', coordinates: o.coordinates };
	return null;
}

/** Checks one contact; every bad field is named. */
export function parseContact(raw: RawContact, lookup: ContactLookup): Parsed<ContactInput> {
	const problems: ContactProblem[] = [];
	const bad = (field: ContactColumn, problem: string, params?: ContactProblem['params']) =>
		problems.push({ field, problem, ...(params ? { params } : {}) });
	const optional = (field: 'role' | 'organisation') => {
		const v = text(raw[field]);
		if (v.length > MAX_TEXT) bad(field, 'contacts_problem_too_long', { max: MAX_TEXT });
		return v || null;
	};

	const id = text(raw.id);
	if (!id) bad('id', 'contacts_problem_required');
	else if (!CONTACT_ID.test(id)) bad('id', 'contacts_problem_id', { value: id.slice(0, 40) });
	const name = text(raw.name);
	if (!name) bad('name', 'contacts_problem_required');
	else if (name.length > MAX_TEXT) bad('name', 'contacts_problem_too_long', { max: MAX_TEXT });
	const role = optional('role');
	const organisation = optional('organisation');

	const langRaw = text(raw.lang).toLowerCase();
	const lang = (langRaw || 'tg') as ContactLang;
	if (!CONTACT_LANGS.includes(lang))
		bad('lang', 'contacts_problem_lang', { value: langRaw.slice(0, 20) });

	const channel = <T>(field: ContactColumn, read: (s: string) => T | null, problem: string) => {
		const v = text(raw[field]);
		if (!v) return null;
		const ok = read(v);
		if (ok === null) bad(field, problem, { value: v.slice(0, 40) });
		return ok;
	};
	const phone = channel('phone', normalisePhone, 'contacts_problem_phone');
	const telegramChatId = channel('telegram_chat_id', normaliseChatId, 'contacts_problem_chat');
	const email = channel('email', normaliseEmail, 'contacts_problem_email');
	if (!text(raw.phone) && !text(raw.telegram_chat_id) && !text(raw.email))
		bad('phone', 'contacts_problem_no_channel');

	const groups = splitGroups(raw.groups ?? '');
	for (const g of groups) {
		if (!GROUP_PATTERN.test(g)) bad('groups', 'contacts_problem_group', { value: g.slice(0, 40) });
		else if (!lookup.anyGroup && !(CONTACT_GROUPS as readonly string[]).includes(g))
			bad('groups', 'contacts_problem_group_admin', { value: g });
	}

	const kindRaw = text(raw.area_kind).toLowerCase();
	if (kindRaw && !(AREA_KINDS as readonly string[]).includes(kindRaw))
		bad('area_kind', 'contacts_problem_area_kind', { value: kindRaw.slice(0, 20) });
	const areaName = text(raw.area);
	const polygonText = (raw.polygon ?? '').trim();
	let area: { kind: AreaKind; label: string; area: GeoJSON.Geometry } | null = null;
	if (polygonText) {
		const polygon = parsePolygon(polygonText);
		if (!polygon) bad('polygon', 'contacts_problem_polygon');
		// A district's or jamoat's outline given as it is (the export writes one the gazetteer does
		// not know), else an area drawn by hand.
		else
			area = {
				kind: kindRaw === 'district' || kindRaw === 'jamoat' ? kindRaw : 'polygon',
				label: areaName || 'polygon',
				area: polygon
			};
		if (areaName.length > MAX_TEXT) bad('area', 'contacts_problem_too_long', { max: MAX_TEXT });
	} else if (kindRaw === 'polygon') bad('polygon', 'contacts_problem_required');
	else if (!areaName) bad('area', 'contacts_problem_required');
	else {
		const kind = kindRaw === 'district' || kindRaw === 'jamoat' ? kindRaw : null;
		const found = areaName.length <= MAX_TEXT ? lookup.resolveArea(areaName, kind) : null;
		if (!found) bad('area', 'contacts_problem_area_unknown', { value: areaName.slice(0, 60) });
		else area = { ...found, label: areaName };
	}

	const team = text(raw.team);
	if (team && !lookup.teams.has(team))
		bad('team', 'contacts_problem_team', { value: team.slice(0, 40) });
	const exerciseTest = flag(raw.exercise_test, false);
	if (exerciseTest === null) bad('exercise_test', 'contacts_problem_flag');
	const active = flag(raw.active, true);
	if (active === null) bad('active', 'contacts_problem_flag');

	if (problems.length || !area) return { ok: false, problems };
	return {
		ok: true,
		value: {
			id,
			name,
			role,
			organisation,
			lang,
			phone,
			telegramChatId,
			email,
			groups,
			areaKind: area.kind,
			areaLabel: area.label,
			area: area.area,
			teamId: team || null,
			exerciseTest: exerciseTest ?? false,
			active: active ?? true
		}
	};
}
