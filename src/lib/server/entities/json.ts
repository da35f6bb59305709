import type { Queryable } from '../db/types';

/** The `v` column of each row, a JSON view (PGlite returns json as an object, postgres.js too). */
export async function jsonList<T>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
	const rows = await q.query<{ v: unknown }>(sql, params);
	return rows.map((r) => (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as T);
}

/** Rows of (`k`, `v`: a JSON array of numeric tuples) as a map from `k` to its tuples. */
export async function jsonGrouped<T>(
	q: Queryable,
	sql: string,
	params: unknown[]
): Promise<Record<string, T[]>> {
	const rows = await q.query<{ k: string; v: unknown }>(sql, params);
	const out: Record<string, T[]> = {};
	for (const r of rows) {
		const v = (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as unknown[][];
		out[r.k] = v.map((p) => p.map(Number)) as T[];
	}
	return out;
}
