import { getTableColumns, type Table } from 'drizzle-orm';

type Fields<T extends Table> = keyof T['$inferSelect'] & string;

/** A row of `table` restricted to `K`, typed as drizzle reads it (timestamps as Date). */
export type RowOf<T extends Table, K extends Fields<T>> = Pick<T['$inferSelect'], K>;

/**
 * The SQL for a batch of rows of `table` that carry the fields `keys` (named as the drizzle table
 * names them), derived from the table so that no row type or column list repeats its fields.
 */
export function recordOf<T extends Table, K extends Fields<T>>(table: T, keys: readonly K[]) {
	const cols = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
	return {
		keys,
		/** The record's definition for `jsonb_to_recordset(...) as x(<type>)`. */
		type: keys.map((k) => `"${k}" ${cols[k].getSQLType()}`).join(', '),
		/** The table's column names, in the order of `keys`. */
		columns: keys.map((k) => cols[k].name),
		/** The record's fields, in the order of `keys`. */
		fields: keys.map((k) => `"${k}"`).join(', ')
	};
}
