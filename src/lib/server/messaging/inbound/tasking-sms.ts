/**
 * Tasking by SMS, for a team without data: no field app paired (no live device credential) and no
 * device mapped to it. Its leader (a contact of the team with a phone, a team_leader first) gets
 * the tasking as an SMS in the leader's language, written in the assignment's transaction; the
 * answer ("ҲА 1043", "НЕТ 1043 причина", "YES 1043") is matched here and written by the field
 * app's own path (entities/tasking writeAcks: the same audit, the same console).
 */
import { m } from '$lib/paraglide/messages';
import type { Queryable } from '../../db/types';
import { writeAcks } from '../../entities/tasking/write';
import type { ChangeSet } from '../../live/changes';
import type { ChannelName } from '../channel';
import { enqueue } from '../outbox/enqueue';
import { smsRoute, type Routing } from '../outbox/routes';
import { LANGS, type Lang } from './lang';
import { nextNumber } from './store';

/** With no running messaging, the row is written failed with why: counted, never lost. */
const NOTHING: Routing = { configured: new Set(), smppPrefixes: [] };

/**
 * Queues the tasking's SMS when the team has no data and a leader with a phone; returns its
 * reference (T-1043), or null when the team gets its tasking over its field app only.
 */
export async function taskBySms(
	tx: Queryable,
	t: { taskingId: string; teamId: string; incidentId: string; exercise: string | null },
	routing: Routing | null
): Promise<string | null> {
	const [leader] = await tx.query<{ id: string; phone: string; lang: string }>(
		`select c.id, c.phone, c.lang from contact c
		where c.active and c.team_id = $1 and c.phone is not null
			and not exists (select 1 from device_credential d where d.team_id = $1 and d.revoked_at is null)
			and not exists (select 1 from device d where d.team_id = $1)
		order by c.groups ? 'team_leader' desc, c.id limit 1`,
		[t.teamId]
	);
	if (!leader) return null;
	const [inc] = await tx.query<{ title: string; place: string | null; lat: number; lon: number }>(
		'select title, place, lat, lon from incident where id = $1',
		[t.incidentId]
	);
	const number = await nextNumber(tx);
	const ref = `T-${number}`;
	const lang = ((LANGS as readonly string[]).includes(leader.lang) ? leader.lang : 'tg') as Lang;
	const route = smsRoute(leader.phone, routing ?? NOTHING);
	await tx.query(
		`insert into sms_tasking (tasking_id, reference, team_id, contact_id, channel, address, lang)
		values ($1, $2, $3, $4, $5, $6, $7)`,
		[t.taskingId, number, t.teamId, leader.id, route.channel, leader.phone, lang]
	);
	const place = inc.place ?? `${inc.lat.toFixed(4)},${inc.lon.toFixed(4)}`;
	await enqueue(tx, [
		{
			key: `tasking:${t.taskingId}:${route.channel}:${leader.phone}`,
			sourceKind: 'tasking',
			sourceId: t.taskingId,
			contactId: leader.id,
			channel: route.channel,
			address: leader.phone,
			lang,
			body: m.inbound_sms_task(
				{ ref, number, incident: inc.title.slice(0, 80), place },
				{ locale: lang }
			),
			exercise: t.exercise,
			failed: route.failed
		}
	]);
	return ref;
}

export interface SmsAnswer {
	answer: 'accepted' | 'declined';
	ref: string | null;
	reason: string | null;
}

/**
 * Writes a team member's answer to the team's current SMS tasking (the one the reference names,
 * or the newest when none is named) through the field app's path. Returns the tasking's reference,
 * or null when the answer matches no current tasking (the message then goes to the queue as text).
 */
export async function answerBySms(
	tx: Queryable,
	changes: ChangeSet,
	a: SmsAnswer & { teamId: string; ts: Date; msgId: string; channel: ChannelName }
): Promise<string | null> {
	const [k] = await tx.query<{ taskingId: string; reference: string }>(
		`select s.tasking_id as "taskingId", s.reference from sms_tasking s
		join team t on t.id = s.team_id and t.tasking_id = s.tasking_id
		where s.team_id = $1 and ($2::text is null or s.reference = $2)
		order by s.created_at desc limit 1`,
		[a.teamId, a.ref]
	);
	if (!k) return null;
	await writeAcks(
		tx,
		[
			{
				teamId: a.teamId,
				taskingId: k.taskingId,
				answer: a.answer,
				reason: a.reason,
				note: null,
				ts: a.ts,
				msgId: a.msgId
			}
		],
		changes
	);
	return `T-${k.reference}`;
}
