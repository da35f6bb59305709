import type { Queryable } from './types';

/**
 * Multi-row statements with one parameter: the rows travel as one JSON array and are unpacked by
 * `jsonb_to_recordset`. One statement per table per batch, the same SQL on PGlite and PostgreSQL,
 * and no limit on parameters (postgres.js multi-row inserts hit 65535 parameters).
 * `($1::text)::jsonb` because postgres.js would JSON-encode a string bound to a jsonb parameter.
 */
export function bulk<T = Record<string, unknown>>(
	q: Queryable,
	sql: (rows: string) => string,
	records: readonly object[]
): Promise<T[]> {
	if (records.length === 0) return Promise.resolve([]);
	return q.query<T>(sql('jsonb_to_recordset(($1::text)::jsonb)'), [JSON.stringify(records)]);
}

/** ISO 8601 UTC text for a timestamptz column, whatever the session's TimeZone. */
export const iso = (col: string) =>
	`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
