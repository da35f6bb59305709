/**
 * What the console shows of a warning's messages. Before approval: each language's SMS with its
 * length as the network counts it, and whom the area reaches now (contacts, and addresses per
 * channel). After issue: per channel, how many messages stand at each status, and the failed and
 * unknown ones with their reasons (the contact's name, never the address: numbers are personal
 * data). The sitrep's reach of each warning issued in its period comes from the same counts.
 */
import { smsLength } from '$lib/sms/segments';
import {
	OUT_STATUSES,
	type IssuedReach,
	type OutStatus,
	type Progress,
	type Reach,
	type SmsPreview
} from '$lib/warnings/out';
import type { Warning } from '../../db/schema';
import type { Database, Queryable } from '../../db/types';
import type { Routing } from '../../messaging/outbox/routes';
import type { Scope } from '../../exercises/scope';
import type { Indexed } from '../../places/search';
import { issuedTexts } from '../cap';
import { WARNING_LANGS } from '../templates';
import { reached, warningItems } from './fanout';
import { smsText } from './texts';

const PROBLEMS_SHOWN = 200;
const CHANNEL_ORDER = ['sms_gateway', 'smpp', 'telegram', 'email'];
const byChannel = (a: { channel: string }, b: { channel: string }) =>
	CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel);

/** The SMS each language's contacts will be sent, with its length. */
export function smsPreview(
	w: Pick<Warning, 'texts' | 'places' | 'areaDesc' | 'exercise'>,
	index?: readonly Indexed[]
): SmsPreview[] {
	const texts = issuedTexts(w, index);
	return WARNING_LANGS.map((lang) => {
		const text = smsText(texts[lang], lang, w.exercise !== null);
		const n = smsLength(text);
		return {
			lang,
			text,
			chars: [...text].length,
			units: n.units,
			encoding: n.encoding,
			segments: n.segments
		};
	});
}

/** Whom the warning reaches if issued now, by the rows the fan-out would write. */
export async function reachNow(
	q: Queryable,
	w: Warning,
	o: { index?: readonly Indexed[]; routing: Routing }
): Promise<Reach> {
	const contacts = await reached(q, w);
	const items = warningItems(w, contacts, { ...o, createdBy: null });
	const per = new Map<string, { addresses: number; unroutable: number }>();
	for (const i of items) {
		const c = per.get(i.channel) ?? { addresses: 0, unroutable: 0 };
		c.addresses += 1;
		if (i.failed) c.unroutable += 1;
		per.set(i.channel, c);
	}
	return {
		contacts: contacts.length,
		channels: [...per].map(([channel, c]) => ({ channel, ...c })).sort(byChannel)
	};
}

const zero = () => Object.fromEntries(OUT_STATUSES.map((s) => [s, 0])) as Record<OutStatus, number>;

/** Per source id and channel: the counts at each status (one query for many warnings). */
export async function statusCounts(q: Queryable, ids: readonly string[]) {
	const rows = await q.query<{ id: string; channel: string; status: string; n: number }>(
		`select source_id as id, channel, status, count(*)::int as n from outbox
		where source_kind = 'warning' and source_id = any($1::text[])
		group by source_id, channel, status`,
		[ids]
	);
	const out = new Map<string, Map<string, Record<OutStatus, number>>>();
	for (const r of rows) {
		const m = out.get(r.id) ?? new Map<string, Record<OutStatus, number>>();
		const c = m.get(r.channel) ?? zero();
		if ((OUT_STATUSES as readonly string[]).includes(r.status)) c[r.status as OutStatus] += r.n;
		m.set(r.channel, c);
		out.set(r.id, m);
	}
	return out;
}

export async function warningProgress(q: Queryable, id: string): Promise<Progress> {
	const counts =
		(await statusCounts(q, [id])).get(id) ?? new Map<string, Record<OutStatus, number>>();
	const channels = [...counts]
		.map(([channel, c]) => ({
			channel,
			counts: c,
			total: Object.values(c).reduce((a, b) => a + b, 0)
		}))
		.sort(byChannel);
	const problems = await q.query<{
		contact: string | null;
		channel: string;
		status: string;
		reason: string | null;
		at: string | Date;
	}>(
		`select coalesce(c.name, o.contact_id) as contact, o.channel, o.status,
			o.last_error as reason, o.updated_at as at
		from outbox o left join contact c on c.id = o.contact_id
		where o.source_kind = 'warning' and o.source_id = $1 and o.status in ('failed', 'unknown')
		order by o.updated_at desc, o.id limit ${PROBLEMS_SHOWN}`,
		[id]
	);
	return {
		total: channels.reduce((a, c) => a + c.total, 0),
		channels,
		problems: problems.map((p) => ({
			contact: p.contact ?? '',
			channel: p.channel,
			status: p.status,
			reason: p.reason ?? '',
			at: new Date(p.at).getTime()
		})),
		problemsTotal: channels.reduce((a, c) => a + c.counts.failed + c.counts.unknown, 0)
	};
}

/**
 * The warnings of one picture issued in [from, to], with their reach. The issue time is the
 * warning's last change: nothing changes an issued warning after markIssued.
 */
export async function issuedReach(
	db: Database,
	scope: Scope,
	from: number,
	to: number,
	index?: readonly Indexed[]
): Promise<IssuedReach[]> {
	const ws = await db.query<{
		id: string;
		texts: unknown;
		places: unknown;
		areaDesc: string;
		at: string | Date;
	}>(
		`select id, texts, places, area_desc as "areaDesc", updated_at as at from warning
		where status = 'issued' and exercise is not distinct from $1::text
			and updated_at >= $2 and updated_at <= $3
		order by updated_at desc limit 100`,
		[scope, new Date(from), new Date(to)]
	);
	if (ws.length === 0) return [];
	const ids = ws.map((w) => w.id);
	const counts = await statusCounts(db, ids);
	const people = await db.query<{ id: string; n: number }>(
		`select source_id as id, count(distinct contact_id)::int as n from outbox
		where source_kind = 'warning' and source_id = any($1::text[]) group by source_id`,
		[ids]
	);
	const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
	return ws.map((w) => {
		const texts = issuedTexts(
			{ texts: json(w.texts), places: json(w.places), areaDesc: w.areaDesc },
			index
		);
		return {
			id: w.id,
			headlines: {
				tg: texts.tg.headline,
				ru: texts.ru.headline,
				en: texts.en.headline
			},
			issuedAt: new Date(w.at).getTime(),
			contacts: people.find((p) => p.id === w.id)?.n ?? 0,
			channels: [...(counts.get(w.id) ?? new Map<string, Record<OutStatus, number>>())]
				.map(([channel, c]) => ({
					channel,
					messages: OUT_STATUSES.reduce((a, s) => a + c[s], 0),
					sent: c.sent + c.delivered,
					delivered: c.delivered,
					failed: c.failed
				}))
				.sort(byChannel)
		};
	});
}
