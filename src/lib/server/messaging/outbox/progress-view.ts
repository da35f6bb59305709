/**
 * The change log's view of a source's messages (live/views.ts, kind `outbox`): counts by channel
 * and status for each `kind:id` in $1, read through the outbox's source index.
 */
export const outboxProgressById = `
	with src as (
		select x as entity_id, split_part(x, ':', 1) as kind, substr(x, strpos(x, ':') + 1) as sid
		from unnest($1::text[]) x
	), counts as (
		select s.entity_id, s.kind, s.sid, o.channel, o.status, count(*)::int as n,
			max(o.exercise) as exercise
		from src s join outbox o on o.source_kind = s.kind and o.source_id = s.sid
		group by s.entity_id, s.kind, s.sid, o.channel, o.status
	), per_channel as (
		select entity_id, kind, sid, channel, jsonb_object_agg(status, n) as statuses,
			max(exercise) as exercise
		from counts group by entity_id, kind, sid, channel
	)
	select entity_id, json_build_object('id', entity_id, 'sourceKind', kind, 'sourceId', sid,
		'exercise', max(exercise), 'channels', jsonb_object_agg(channel, statuses)) as data
	from per_channel group by entity_id, kind, sid`;
