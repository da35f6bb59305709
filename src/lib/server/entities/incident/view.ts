import type { IncidentView } from '$lib/live/types';
import { iso } from '../../db/bulk';
import { col, defineView, ts, type ViewFields } from '../view';

/** What a screen sees of an incident, from an `incident` row. */
export const incidentFields = {
	id: col('id'),
	type: col('type'),
	severity: col('severity'),
	status: col('status'),
	title: col('title'),
	description: col('description'),
	place: col('place'),
	lat: col('lat'),
	lon: col('lon'),
	casualties: col('casualties'),
	affected: col('affected'),
	needs: col('needs'),
	reporter: col('reporter'),
	reportedAt: ts('reported_at'),
	updatedAt: ts('updated_ts'),
	exercise: col('exercise'),
	demo: col('demo'),
	acknowledged: (a) => `${a}.acknowledged_at is not null`,
	photos: (a) => `coalesce((select json_agg(json_build_object('id', p.id, 'reporter', p.reporter,
		'ts', ${iso('p.ts')}) order by p.ts, p.id) from incident_photo p where p.incident_id = ${a}.id),
		'[]'::json)`,
	inbound: (a) => `(select json_build_object('id', m.id, 'channel', m.channel,
		'reference', m.reference, 'sender', case when m.team_id is not null then 'team'
		when m.contact_id is not null then 'contact' else 'public' end, 'name', c.name,
		'teamId', m.team_id, 'callsign', t.callsign, 'masked', m.masked, 'located', m.located,
		'lang', m.lang)
		from inbound_message m left join contact c on c.id = m.contact_id
		left join team t on t.id = m.team_id
		where m.incident_id = ${a}.id order by m.id limit 1)`
} satisfies ViewFields<IncidentView>;

export const incidentView = defineView<IncidentView>('i', incidentFields);

/** The change log's read: (entity_id, data) of the incidents whose ids are $1 (a text[]). */
export const incidentsById = `select i.id as entity_id, ${incidentView.sql()} as data from incident i
	where i.id = any($1::text[])`;
