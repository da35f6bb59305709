/**
 * Puts rows into every table the demo data and the principals leave empty, generated from the
 * catalogue, so a table added by a later migration is filled (and backed up, and compared) with
 * no change here. The values are the awkward ones for a round trip: Tajik and Russian text with
 * tabs, quotes, backslashes and newlines, microsecond times in two zones, float digits, bytes,
 * nested JSON, and nulls. A column type without a value here stops the test, naming it.
 */
import type { Queryable } from '../../src/lib/server/db';
import { ident, tablesInOrder } from '../../src/lib/server/backup/catalog';

const VALUES: Record<string, (i: number, col: string) => string> = {
	text: (i, col) => [`${col} Селоб ҷ\t"қ" \\ 'x'\n✓`, `${col}-${i}`][i % 2],
	integer: (i) => String(7 + i),
	bigint: (i) => ['9223372036854775807', '-42'][i % 2],
	'double precision': (i) => ['0.30000000000000004', '-1.5e-300'][i % 2],
	boolean: (i) => String(i % 2 === 0),
	jsonb: (i) => ['{"a":[1,2.5,"тест\\n"],"b":{"c":null,"d":true}}', '[]'][i % 2],
	'timestamp with time zone': (i) =>
		['2026-12-07T06:38:20.123456Z', '1999-01-01T00:00:00.000001+05:00'][i % 2],
	bytea: (i) => ['\\x00ff0a5c09', '\\x'][i % 2]
};

interface Column {
	name: string;
	type: string;
	nullable: boolean;
	serial: boolean;
	parent: { table: string; column: string } | null;
}

async function columns(q: Queryable, table: string): Promise<Column[]> {
	const rows = await q.query<{
		name: string;
		type: string;
		notnull: boolean;
		def: string | null;
		ptable: string | null;
		pcol: string | null;
	}>(
		`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
		   pg_get_expr(d.adbin, d.adrelid) as def, pc.relname as ptable, pa.attname as pcol
		 from pg_attribute a
		 left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		 left join pg_constraint k on k.conrelid = a.attrelid and k.contype = 'f' and k.conkey[1] = a.attnum
		 left join pg_class pc on pc.oid = k.confrelid
		 left join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
		 where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
		[`public.${ident(table)}`]
	);
	return rows.map((r) => ({
		name: r.name,
		type: r.type,
		nullable: !r.notnull,
		serial: (r.def ?? '').startsWith('nextval('),
		parent: r.ptable && r.pcol ? { table: r.ptable, column: r.pcol } : null
	}));
}

/** Two generated rows in each empty table; returns the tables it filled. */
export async function fillEmptyTables(q: Queryable): Promise<string[]> {
	const filled: string[] = [];
	for (const table of await tablesInOrder(q)) {
		const [{ n }] = await q.query<{ n: number }>(
			`select count(*)::int as n from public.${ident(table)}`
		);
		if (n > 0) continue;
		const cols = (await columns(q, table)).filter((c) => !c.serial);
		for (let i = 0; i < 2; i++) {
			const params: (string | null)[] = [];
			for (const c of cols) {
				if (c.parent) {
					const ref = await q.query<{ v: string }>(
						`select ${ident(c.parent.column)}::text as v from public.${ident(c.parent.table)} order by 1 offset ${i} limit 1`
					);
					params.push(ref[0]?.v ?? null);
				} else if (i === 1 && c.nullable) params.push(null);
				else {
					const value = VALUES[c.type];
					if (!value)
						throw new Error(
							`tests/helpers/fill.ts has no value for ${table}.${c.name} (${c.type}): add one`
						);
					params.push(value(i, `${table}.${c.name}`));
				}
			}
			await q.query(
				`insert into public.${ident(table)} (${cols.map((c) => ident(c.name)).join(', ')})
				 values (${cols.map((c, k) => `$${k + 1}::text::${c.type}`).join(', ')})`,
				params
			);
		}
		filled.push(table);
	}
	return filled;
}

/** Every row of every table as PostgreSQL's JSON text, sorted, with the sequences' positions. */
export async function everyRow(q: Queryable): Promise<Record<string, string[]>> {
	const all: Record<string, string[]> = {};
	for (const table of await tablesInOrder(q)) {
		const rows = await q.query<{ r: string }>(
			`select row_to_json(t)::text as r from public.${ident(table)} t`
		);
		all[table] = rows.map((x) => x.r).sort();
	}
	const seqs = await q.query<{ name: string; v: string | null }>(
		`select sequencename as name, last_value::text as v from pg_sequences where schemaname = 'public'`
	);
	for (const s of seqs) all[`sequence ${s.name}`] = [String(s.v)];
	return all;
}
