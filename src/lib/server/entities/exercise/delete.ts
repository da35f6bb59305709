import type { Queryable } from '../../db/types';

/**
 * Deletes everything an exercise produced: every row carrying its id in every table that has an
 * `exercise` column (found in the catalogue, so a table added later is covered without a change
 * here), its `exercise_inject` rows among them, and nothing else. Runs in the caller's
 * transaction (the ingest's, or the console's). Returns the rows deleted per table.
 *
 * The one write outside an entity's own module that touches the other entities' tables (teams,
 * sensors, incidents, hazards, log...): it deletes only rows that carry this exercise's id, which
 * the drill produced and the picture guard keeps apart from every other row, so one statement per
 * table here keeps a reset whole. The `exercise` row itself stays (it has no `exercise` column).
 */
export async function deleteExerciseData(
	q: Queryable,
	exerciseId: string
): Promise<Record<string, number>> {
	const tables = await q.query<{ table_name: string }>(
		`select table_name from information_schema.columns
		where table_schema = current_schema() and column_name = 'exercise'
		order by table_name`
	);
	const counts: Record<string, number> = {};
	for (const { table_name: table } of tables) {
		const [row] = await q.query<{ n: number }>(
			`with d as (delete from "${table.replaceAll('"', '""')}" where exercise = $1 returning 1)
			select count(*)::int as n from d`,
			[exerciseId]
		);
		counts[table] = Number(row?.n ?? 0);
	}
	return counts;
}
