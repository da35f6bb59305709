import { iso } from '../db/bulk';
import type { Queryable } from '../db/types';

/**
 * One entity's JSON view, declared once as a map from each field of its TypeScript view type to
 * the SQL expression that yields it. The mapped type makes the compiler hold the two together: a
 * field of the view type without an expression, or an expression for no field, fails
 * `npm run check` (see view.typecheck.ts). The same map builds the `json_build_object` that the
 * snapshot, the REST reads, the exports and the change log all send, so they cannot drift apart.
 */

/** SQL for one field, given the alias of the table (or subquery) the view reads from. */
export type FieldSql = (alias: string) => string;

/** Exactly one SQL expression per field of `V`, no more (excess keys fail on object literals). */
export type ViewFields<V> = { readonly [K in keyof V]-?: FieldSql };

export interface EntityView<V> {
	readonly fields: ViewFields<V>;
	/** `json_build_object(...)` over the given alias; the alias defaults to the one declared. */
	readonly sql: (alias?: string) => string;
	/** The field names, in declaration order (for tests and documentation). */
	readonly names: readonly (keyof V & string)[];
}

/** Column `name` of the aliased table. */
export const col =
	(name: string): FieldSql =>
	(a) =>
		`${a}.${name}`;

/** A timestamptz column as ISO 8601 UTC text. */
export const ts =
	(name: string): FieldSql =>
	(a) =>
		iso(`${a}.${name}`);

/** Declares a view. Pass the view type explicitly: `defineView<TeamView>('t', { ... })`. */
export function defineView<V>(alias: string, fields: ViewFields<V>): EntityView<V> {
	const names = Object.keys(fields) as (keyof V & string)[];
	const sql = (a: string = alias) =>
		`json_build_object(${names
			.map((k) => `'${k}', ${(fields[k as keyof V] as FieldSql)(a)}`)
			.join(', ')})`;
	return { fields, sql, names };
}

/** The views a `select <view> as v ...` returns (json arrives as text from some drivers). */
export async function viewRows<T>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
	const rows = await q.query<{ v: unknown }>(sql, params);
	return rows.map((r) => (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as T);
}
