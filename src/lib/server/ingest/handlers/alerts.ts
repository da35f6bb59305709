import { capKey, type CapAlert } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import { addChange } from '../../live/changes';
import type { Handler } from './types';

/** CAP leaves an alert without `expires` to the recipient (CAP 1.2 §3.2.2): we hold it a day. */
export const DEFAULT_ALERT_LIFE_MS = 24 * 3600_000;

/** The latest `expires` of the alert's info blocks, else `sent` plus a day. */
export function alertExpiry(a: CapAlert): Date {
	const times = a.info.flatMap((i) => (i.expires ? [Date.parse(i.expires)] : []));
	return new Date(times.length ? Math.max(...times) : Date.parse(a.sent) + DEFAULT_ALERT_LIFE_MS);
}

export const alertKey = (a: CapAlert) => capKey(a.sender, a.identifier, a.sent);

/**
 * Stores CAP alerts once each (by their CAP key), and applies `Update` and `Cancel` to the alerts
 * they reference: the referenced alert is marked superseded (it leaves the wall). A reference to
 * an alert not held yet is applied when that alert arrives, so the order of arrival does not
 * matter. Only alerts of the Update's own sender and picture are replaced (picture.ts sets
 * the others aside before; the SQL repeats the test, for a late original too).
 */
export const capAlerts: Handler<'cap_alert'> = async (tx, messages, changes) => {
	const byId = new Map<string, Record<string, unknown>>();
	for (const m of messages) {
		const a = m.body;
		byId.set(alertKey(a), {
			id: alertKey(a),
			sender: a.sender,
			identifier: a.identifier,
			sent: a.sent,
			status: a.status,
			msgType: a.msgType,
			scope: a.scope,
			refs: (a.references ?? []).map((r) => capKey(r.sender, r.identifier, r.sent)),
			doc: a,
			expiresAt: alertExpiry(a).toISOString(),
			origin: m.origin ?? 'mqtt',
			actor: m.actor ?? null,
			exercise: m.exercise
		});
	}
	// Key order: concurrent transactions lock rows in one order.
	const rows = [...byId.values()].sort((a, b) => (a.id! < b.id! ? -1 : 1));
	const inserted = await bulk<{ id: string }>(
		tx,
		(r) => `insert into alert (id, sender, identifier, sent, status, msg_type, scope, refs, doc,
			expires_at, origin, actor, exercise)
		select id, sender, identifier, sent, status, "msgType", scope, refs, doc, "expiresAt", origin,
			actor, exercise
		from ${r} as x(id text, sender text, identifier text, sent timestamptz, status text,
			"msgType" text, scope text, refs jsonb, doc jsonb, "expiresAt" timestamptz, origin text,
			actor text, exercise text)
		on conflict do nothing
		returning id`,
		rows
	);
	const fresh = new Set(inserted.map((r) => r.id));
	// The alerts that the new Updates and Cancels replace: only older ones, and only once.
	const replacing = rows.flatMap((row) =>
		fresh.has(row.id as string) && (row.msgType === 'Update' || row.msgType === 'Cancel')
			? (row.refs as string[]).map((ref) => ({
					id: row.id,
					msgType: row.msgType,
					sent: row.sent,
					ref,
					sender: row.sender,
					exercise: row.exercise
				}))
			: []
	);
	const replaced = await bulk<{ id: string }>(
		tx,
		(r) => `update alert a set superseded_by = x.id, superseded_type = x."msgType"
		from (select distinct on (ref) * from ${r} as y(id text, "msgType" text, sent timestamptz,
				ref text, sender text, exercise text)
			order by ref, sent desc) x
		where a.id = x.ref and a.sent <= x.sent and a.superseded_by is null
			and a.sender = x.sender and a.exercise is not distinct from x.exercise
		returning a.id`,
		replacing
	);
	// A late original: an Update or Cancel that references it is held already.
	const late = fresh.size
		? await tx.query<{ id: string }>(
				`update alert a set superseded_by = r.id, superseded_type = r.msg_type
				from alert r
				where a.id = any($1::text[]) and a.superseded_by is null
					and r.msg_type in ('Update', 'Cancel') and r.refs @> jsonb_build_array(a.id)
					and r.sender = a.sender and r.exercise is not distinct from a.exercise
				returning a.id`,
				[[...fresh]]
			)
		: [];
	for (const id of [...fresh, ...replaced.map((r) => r.id), ...late.map((r) => r.id)])
		addChange(changes, 'alert', id);
};
