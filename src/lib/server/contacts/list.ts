/**
 * The directory as the console lists it: filtered by group, area and a search (the query string,
 * so the filter works without JavaScript), counted per group, capped in length.
 */
import type { Contact } from '../db/schema';

/** The most rows one page shows (the count says how many match). */
export const SHOWN_AT_MOST = 500;

export interface ContactFilter {
	group: string;
	area: string;
	q: string;
}

export function contactFilter(params: URLSearchParams): ContactFilter {
	const get = (k: string, max: number) => (params.get(k) ?? '').trim().slice(0, max);
	return { group: get('group', 40), area: get('area', 120), q: get('q', 100) };
}

const folded = (s: string) => s.toLocaleLowerCase('ru').normalize('NFKD').replace(/\p{M}/gu, '');

export function filterContacts(all: readonly Contact[], f: ContactFilter): Contact[] {
	const q = folded(f.q);
	return all.filter(
		(c) =>
			(!f.group || c.groups.includes(f.group)) &&
			(!f.area || c.areaLabel === f.area) &&
			(!q ||
				[c.id, c.name, c.role ?? '', c.organisation ?? '', c.areaLabel, c.teamId ?? ''].some((v) =>
					folded(v).includes(q)
				))
	);
}

/** How many contacts (active ones) each group has, and each area. */
export function countsOf(all: readonly Contact[]) {
	const groups: Record<string, number> = {};
	const areas: Record<string, number> = {};
	for (const c of all) {
		if (!c.active) continue;
		for (const g of c.groups) groups[g] = (groups[g] ?? 0) + 1;
		areas[c.areaLabel] = (areas[c.areaLabel] ?? 0) + 1;
	}
	return {
		active: all.filter((c) => c.active).length,
		exerciseTest: all.filter((c) => c.active && c.exerciseTest).length,
		groups,
		areas: Object.keys(areas).sort((a, b) => a.localeCompare(b)),
		areaCounts: areas
	};
}
