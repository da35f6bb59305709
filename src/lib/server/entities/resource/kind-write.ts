/**
 * Every write to the kinds of resource (/admin/resource-kinds): add, edit, delete. Each input is
 * validated first (a refusal names its field), each write is audited and names the kind in the
 * change log in one transaction, so every wall's board and map follow at once. A kind that any
 * resource, stock or request uses (in any picture, drills included) is never deleted, and its
 * class never changes under them: the refusal says how many use it.
 */
import { z } from 'zod';
import { ID_PATTERN, RESOURCE_CLASSES } from '$lib/contracts';
import type { ResourceKindView } from '$lib/live/types';
import { audit } from '../../auth/audit';
import type { Database, Queryable } from '../../db/types';
import { addChange, addRemoval, recordChanges, type ChangeSet } from '../../live/changes';
import { resourceKindView } from './view';

/** The form's fields, in its order: what a refusal can name. */
export const KIND_FIELDS = [
	'id',
	'name_en',
	'name_ru',
	'name_tg',
	'class',
	'unit',
	'sort'
] as const;
export type KindField = (typeof KIND_FIELDS)[number];

const name = z.string().trim().max(80, 'at most 80 characters');
const kindSchema = z.object({
	id: z
		.string()
		.trim()
		.regex(ID_PATTERN, 'letters, digits, _ and -, at most 64')
		.transform((s) => s.toLowerCase()),
	name_en: name.min(1, 'the English name is required'),
	name_ru: name,
	name_tg: name,
	class: z.enum(RESOURCE_CLASSES),
	unit: z
		.string()
		.trim()
		.min(1, 'a unit is required')
		.max(16, 'at most 16 characters')
		.regex(/^[^\s]+$/u, 'one word, no spaces'),
	sort: z
		.string()
		.trim()
		.transform((s, ctx) => {
			const n = s === '' ? 0 : Number(s);
			if (!Number.isInteger(n) || Math.abs(n) > 1_000_000) {
				ctx.addIssue({ code: 'custom', message: 'a whole number' });
				return z.NEVER;
			}
			return n;
		})
});

export interface KindInput {
	id: string;
	names: Record<string, string>;
	class: (typeof RESOURCE_CLASSES)[number];
	unit: string;
	sort: number;
}

export type KindParse =
	{ ok: true; kind: KindInput } | { ok: false; field: KindField; message: string };

/** A kind from the form's strings, or the first problem with the field it names. */
export function parseKind(fields: Record<string, string>): KindParse {
	const r = kindSchema.safeParse({
		...Object.fromEntries(KIND_FIELDS.map((f) => [f, ''])),
		...fields
	});
	if (!r.success) {
		const issue = r.error.issues[0];
		return { ok: false, field: issue.path[0] as KindField, message: issue.message };
	}
	const k = r.data;
	// Only the languages given: a screen falls back to English for the others.
	const names: Record<string, string> = { en: k.name_en };
	if (k.name_ru) names.ru = k.name_ru;
	if (k.name_tg) names.tg = k.name_tg;
	return { ok: true, kind: { id: k.id, names, class: k.class, unit: k.unit, sort: k.sort } };
}

/** Every kind, in the EOC's order, with how many resources, stock rows and requests use it. */
export async function listKindsWithUse(
	q: Queryable
): Promise<(ResourceKindView & { used: KindUse })[]> {
	const rows = await q.query<{ v: ResourceKindView | string; r: number; s: number; q: number }>(
		`select ${resourceKindView.sql()} as v,
			(select count(*)::int from resource x where x.kind_id = k.id) as r,
			(select count(*)::int from stock x where x.kind_id = k.id) as s,
			(select count(*)::int from resource_request x where x.kind_id = k.id) as q
		from resource_kind k order by k.sort, k.id`
	);
	return rows.map((row) => ({
		...((typeof row.v === 'string' ? JSON.parse(row.v) : row.v) as ResourceKindView),
		used: { resources: Number(row.r), stock: Number(row.s), requests: Number(row.q) }
	}));
}

export interface KindUse {
	resources: number;
	stock: number;
	requests: number;
}

async function useOf(t: Queryable, id: string): Promise<KindUse> {
	const [u] = await t.query<KindUse>(
		`select (select count(*)::int from resource where kind_id = $1) as resources,
			(select count(*)::int from stock where kind_id = $1) as stock,
			(select count(*)::int from resource_request where kind_id = $1) as requests`,
		[id]
	);
	return { resources: Number(u.resources), stock: Number(u.stock), requests: Number(u.requests) };
}
const inUse = (u: KindUse) => u.resources + u.stock + u.requests > 0;

export type KindWrite =
	| { ok: true }
	| { ok: false; problem: 'exists' | 'not_found' }
	| { ok: false; problem: 'in_use' | 'class_in_use'; used: KindUse };

export interface Actor {
	actor: string;
	address: string | null;
}

async function finish(
	t: Queryable,
	id: string,
	who: Actor,
	action: string,
	detail: object,
	gone = false
) {
	await audit(t, { ...who, action, target: id, detail: { ...detail } });
	const changes: ChangeSet = new Map();
	// A deleted kind has no row to read: the change says it went (a `removed` event).
	if (gone) addRemoval(changes, 'resourceKind', id);
	else addChange(changes, 'resourceKind', id);
	await recordChanges(t, changes);
}

/** A new kind; refused when its id is taken. Audited as `resource-kind-add`. */
export function addKind(db: Database, kind: KindInput, who: Actor): Promise<KindWrite> {
	return db.transaction(async (t) => {
		const rows = await t.query(
			`insert into resource_kind (id, names, class, unit, sort)
			values ($1, ($2::text)::jsonb, $3, $4, $5) on conflict (id) do nothing returning id`,
			[kind.id, JSON.stringify(kind.names), kind.class, kind.unit, kind.sort]
		);
		if (rows.length === 0) return { ok: false, problem: 'exists' } as const;
		await finish(t, kind.id, who, 'resource-kind-add', kind);
		return { ok: true } as const;
	});
}

/**
 * Names, class, unit and order of a kind (its id stays: rows refer to it). Its class does not
 * change while anything uses it. Audited as `resource-kind-edit`, with what it was.
 */
export function editKind(db: Database, kind: KindInput, who: Actor): Promise<KindWrite> {
	return db.transaction(async (t) => {
		const [before] = await t.query<{ names: unknown; class: string; unit: string; sort: number }>(
			`select names, class, unit, sort from resource_kind where id = $1 for update`,
			[kind.id]
		);
		if (!before) return { ok: false, problem: 'not_found' } as const;
		if (before.class !== kind.class) {
			const used = await useOf(t, kind.id);
			if (inUse(used)) return { ok: false, problem: 'class_in_use', used } as const;
		}
		await t.query(
			`update resource_kind set names = ($2::text)::jsonb, class = $3, unit = $4, sort = $5
			where id = $1`,
			[kind.id, JSON.stringify(kind.names), kind.class, kind.unit, kind.sort]
		);
		await finish(t, kind.id, who, 'resource-kind-edit', { ...kind, before });
		return { ok: true } as const;
	});
}

/** Deletes a kind nothing uses; else refused with how many use it. Audited as `resource-kind-delete`. */
export function deleteKind(db: Database, id: string, who: Actor): Promise<KindWrite> {
	return db.transaction(async (t) => {
		const [kind] = await t.query<{ names: unknown }>(
			`select names from resource_kind where id = $1 for update`,
			[id]
		);
		if (!kind) return { ok: false, problem: 'not_found' } as const;
		const used = await useOf(t, id);
		if (inUse(used)) return { ok: false, problem: 'in_use', used } as const;
		await t.query(`delete from resource_kind where id = $1`, [id]);
		await finish(t, id, who, 'resource-kind-delete', { names: kind.names }, true);
		return { ok: true } as const;
	});
}
