/**
 * What a drill asked of the EOC that it could not do (issue #15), recorded rather than dropped:
 * a scripted request the EOC refused (a kind not on its list, an incident of another picture),
 * and the kinds the drill's equipment and stock name that the EOC's list does not hold (they are
 * registered and shown under their id). The after-action report says both, with the reason, so a
 * trainer fixes the scenario or an admin adds the kind (/admin/resource-kinds).
 */
import type { Queryable } from '../db/types';

export const NOT_MADE_ACTION = 'drill-request-not-made';

/**
 * Records a scripted request the EOC refused, once per drill and request (a redelivered inject
 * records nothing more), in the audit log, in the ingest's transaction.
 */
export async function recordNotMade(
	tx: Queryable,
	exercise: string,
	request: { id: string; kind: string; inject: number },
	refusal: { problem: string; message: string }
): Promise<void> {
	await tx.query(
		`insert into audit_log (actor, action, target, detail)
		select $1, $2, $3, ($4::text)::jsonb
		where not exists (select 1 from audit_log where action = $2 and target = $3
			and detail->>'exercise' = $5)`,
		[
			`exercise:${exercise}`,
			NOT_MADE_ACTION,
			request.id,
			JSON.stringify({ exercise, ...request, ...refusal }),
			exercise
		]
	);
}

export interface NotMadeNotes {
	/** Why each refused scripted request was not made: its problem key (req_kind_unknown…). */
	problems: Map<string, string>;
	/** Kinds the drill named (its equipment, stock or scripted requests) that the EOC's list lacks. */
	unknownKinds: string[];
}

export async function notMadeNotes(q: Queryable, exercise: string): Promise<NotMadeNotes> {
	const refused = await q.query<{ id: string; problem: string | null; kind: string | null }>(
		`select target as id, detail->>'problem' as problem, detail->>'kind' as kind from audit_log
		where action = $1 and detail->>'exercise' = $2 order by id`,
		[NOT_MADE_ACTION, exercise]
	);
	const named = await q.query<{ kind_id: string }>(
		`select kind_id from resource where exercise = $1
		union select kind_id from stock where exercise = $1
		union select k from unnest($2::text[]) as k`,
		[exercise, refused.flatMap((r) => (r.problem === 'req_kind_unknown' && r.kind ? [r.kind] : []))]
	);
	const known = new Set(
		(
			await q.query<{ id: string }>(`select id from resource_kind where id = any($1::text[])`, [
				named.map((n) => n.kind_id)
			])
		).map((k) => k.id)
	);
	return {
		problems: new Map(refused.flatMap((r) => (r.problem ? [[r.id, r.problem]] : []))),
		unknownKinds: named
			.map((n) => n.kind_id)
			.filter((k) => !known.has(k))
			.sort()
	};
}
