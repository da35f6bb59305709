/**
 * What a backup covers, read from PostgreSQL's catalogue rather than listed by hand, so that a
 * table added by a later migration is backed up without anyone remembering to: every table of the
 * `public` schema, parents before the tables whose foreign keys point at them; every sequence; and
 * the migration level (drizzle's journal of applied migrations).
 */
import type { Queryable } from '../db';

/** A quoted identifier for SQL built from catalogue names. */
export function ident(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

export interface Migration {
	hash: string;
	createdAt: string;
}

/** The migrations applied to this database, oldest first (empty before the first migrate). */
export async function migrationLevel(q: Queryable): Promise<Migration[]> {
	const [{ present }] = await q.query<{ present: boolean }>(
		`select to_regclass('drizzle.__drizzle_migrations') is not null as present`
	);
	if (!present) return [];
	const rows = await q.query<{ hash: string; created_at: string }>(
		`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`
	);
	return rows.map((r) => ({ hash: r.hash, createdAt: r.created_at }));
}

/**
 * The tables of `public` in an order a restore can insert them: a table comes after every table it
 * references (a reference to itself does not count). Ties go alphabetically, so the order is stable.
 */
export async function tablesInOrder(q: Queryable): Promise<string[]> {
	const tables = (
		await q.query<{ name: string }>(
			`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`
		)
	)
		.map((r) => r.name)
		.sort();
	const refs = await q.query<{ child: string; parent: string }>(
		`select ch.relname as child, pa.relname as parent from pg_constraint k
		 join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
		 join pg_namespace n on n.oid = ch.relnamespace
		 where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`
	);
	const parents = new Map(tables.map((t) => [t, new Set<string>()]));
	for (const r of refs) parents.get(r.child)?.add(r.parent);
	const ordered: string[] = [];
	const done = new Set<string>();
	while (ordered.length < tables.length) {
		const next = tables.find((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
		if (!next) throw new Error('the tables reference each other in a cycle: no insert order');
		ordered.push(next);
		done.add(next);
	}
	return ordered;
}

/** A table's columns, in their order in the table. */
export async function columnsOf(q: Queryable, table: string): Promise<string[]> {
	const rows = await q.query<{ name: string }>(
		`select a.attname as name from pg_attribute a
		 where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
		[`public.${ident(table)}`]
	);
	return rows.map((r) => r.name);
}

/** Every sequence of `public` with its position: null when it has never been used. */
export async function sequences(q: Queryable): Promise<Record<string, string | null>> {
	const rows = await q.query<{ name: string; last_value: string | null }>(
		`select sequencename as name, last_value::text as last_value from pg_sequences
		 where schemaname = 'public' order by sequencename`
	);
	return Object.fromEntries(rows.map((r) => [r.name, r.last_value]));
}
