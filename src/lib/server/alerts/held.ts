/** The alerts the EOC holds, for the console and the CAP exports. */
import type { CapAlert } from '$lib/contracts';
import type { Queryable } from '../db/types';
import { iso } from '../db/bulk';
import { alertShown } from '../live/views';

export interface HeldAlert {
	id: string;
	sender: string;
	identifier: string;
	sent: string;
	status: string;
	msgType: string;
	origin: string;
	expiresAt: string;
	supersededBy: string | null;
	supersededType: string | null;
	exercise: string | null;
	shown: boolean;
	active: boolean;
	doc: CapAlert;
}

const columns = `a.id, a.sender, a.identifier, ${iso('a.sent')} as sent, a.status,
	a.msg_type as "msgType", a.origin, ${iso('a.expires_at')} as "expiresAt",
	a.superseded_by as "supersededBy", a.superseded_type as "supersededType", a.exercise,
	${alertShown()} as shown, (${alertShown()} and a.expires_at > now()) as active, a.doc`;

const parsed = (rows: HeldAlert[]) =>
	rows.map((r) => ({ ...r, doc: typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc }));

/** The newest alerts first (at most `limit`). */
export async function listAlerts(q: Queryable, limit = 100): Promise<HeldAlert[]> {
	return parsed(
		await q.query<HeldAlert>(
			`select ${columns} from alert a order by a.received_at desc, a.sent desc limit ${Number(limit)}`
		)
	);
}

export async function alertById(q: Queryable, id: string): Promise<HeldAlert | null> {
	const rows = parsed(
		await q.query<HeldAlert>(`select ${columns} from alert a where a.id = $1`, [id])
	);
	return rows[0] ?? null;
}

/** Active alerts (shown, not expired) of the real picture, or of one drill; the EOC's own unless `all`. */
export async function activeAlerts(
	q: Queryable,
	opts: { all: boolean; exercise: string | null }
): Promise<HeldAlert[]> {
	return parsed(
		await q.query<HeldAlert>(
			`select ${columns} from alert a
			where ${alertShown()} and a.expires_at > now()
				and a.exercise is not distinct from $1 and ($2 or a.origin = 'eoc')
			order by a.sent desc`,
			[opts.exercise, opts.all]
		)
	);
}
