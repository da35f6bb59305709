import type { AlarmView } from '$lib/live/types';
import { iso } from '../../db/bulk';
import { col, defineView, ts, type ViewFields } from '../view';

/** The rule's column `c` (null once the rule is deleted). */
const rule = (c: string) => (a: string) =>
	`(select r.${c} from alarm_rule r where r.id = ${a}.rule_id)`;

/** The store and the kind of a stock subject (`{storeId}:{kindId}`; ids hold no ':'). */
const storeOf = (a: string) => `split_part(${a}.subject_id, ':', 1)`;
const kindOf = (a: string) => `split_part(${a}.subject_id, ':', 2)`;

const storeName = (a: string) =>
	`coalesce((select st.name from store st where st.id = ${storeOf(a)}), ${storeOf(a)})`;
/** A stock alarm's subject as people read it: "Store · supply" (the kind's English name). */
const stockName = (a: string) =>
	`(${storeName(a)} || ' · ' ||
	coalesce((select k.names->>'en' from resource_kind k where k.id = ${kindOf(a)}), ${kindOf(a)}))`;
/** The same in each language of the app, en, ru, tg (the kind's name there, else its English). */
const stockNames = (a: string) => `(case when ${a}.subject_kind = 'stock' then
	(select json_object_agg(l, ${storeName(a)} || ' · ' ||
		coalesce(nullif(trim(k.names->>l), ''), k.names->>'en', ${kindOf(a)}))
	from unnest(array['en', 'ru', 'tg']) l
	left join resource_kind k on k.id = ${kindOf(a)}) end)`;

/** A stock's name, or its store's `lat` / `lon`. */
const stockCol = (c: string) => (a: string) =>
	c === 'name' ? stockName(a) : `(select st.${c} from store st where st.id = ${storeOf(a)})`;

/**
 * A column of the alarm's subject row (sensor, team, incident; a stock's store, or `stockName`
 * for its name); hazards keep theirs in detail.
 */
const subject =
	(sensorCol: string, teamCol: string, incidentCol: string, detailKey: string) => (a: string) =>
		`(case ${a}.subject_kind
		when 'sensor' then (select s.${sensorCol} from sensor s where s.id = ${a}.subject_id)
		when 'team' then (select t.${teamCol} from team t where t.id = ${a}.subject_id)
		when 'incident' then (select i.${incidentCol} from incident i where i.id = ${a}.subject_id)
		when 'stock' then ${stockCol(detailKey)(a)}
		else (${a}.detail->>'${detailKey}')${detailKey === 'name' ? '' : '::float8'} end)`;

/** What a wall or console sees of an alarm, from an `alarm` row. */
export const alarmFields = {
	id: col('id'),
	ruleId: col('rule_id'),
	ruleName: (a) => `coalesce(${rule('name')(a)}, ${a}.detail->>'ruleName', ${a}.rule_id)`,
	ruleKind: (a) => `coalesce(${rule('kind')(a)}, ${a}.detail->>'ruleKind', '')`,
	subjectKind: col('subject_kind'),
	subjectId: col('subject_id'),
	subjectName: (a) =>
		`coalesce(${subject('name', 'callsign', 'title', 'name')(a)}, ${a}.subject_id)`,
	subjectNames: stockNames,
	level: col('level'),
	detail: col('detail'),
	firstSeen: ts('first_seen'),
	lastSeen: ts('last_seen'),
	acknowledgedAt: ts('acknowledged_at'),
	// The acknowledging person's name when they have an account; the audit actor otherwise.
	acknowledgedBy: (a) => `coalesce((select u.name from user_account u
		where u.email = ${a}.acknowledged_by or u.id = ${a}.acknowledged_by limit 1), ${a}.acknowledged_by)`,
	ackComment: col('ack_comment'),
	clearedAt: ts('cleared_at'),
	escalateAt: (a) =>
		iso(`(${a}.first_seen + make_interval(secs => ${rule('escalate_after_s')(a)}))`),
	lat: subject('lat', 'lat', 'lat', 'lat'),
	lon: subject('lon', 'lon', 'lon', 'lon'),
	exercise: col('exercise')
} satisfies ViewFields<AlarmView>;

export const alarmView = defineView<AlarmView>('a', alarmFields);

/** The change log's read: (entity_id, data) of the alarms whose ids are $1 (a text[]). */
export const alarmsById = `select a.id as entity_id, ${alarmView.sql()} as data from alarm a
	where a.id = any($1::text[])`;
