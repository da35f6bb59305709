import type { TaskingAckView, TeamView } from '$lib/live/types';
import { col, defineView, ts, type ViewFields } from '../view';

/** A tasking and its answer, from a `tasking` row. */
export const taskingView = defineView<TaskingAckView>('k', {
	id: col('id'),
	incidentId: col('incident_id'),
	sentAt: ts('sent_at'),
	answer: col('answer'),
	reason: col('reason'),
	answeredAt: ts('answered_at')
});

/** What a screen sees of a team, from a `team` row. */
export const teamFields = {
	id: col('id'),
	callsign: col('callsign'),
	kind: col('kind'),
	status: col('status'),
	statusTs: ts('status_ts'),
	incidentId: col('incident_id'),
	personnel: col('personnel'),
	lat: col('lat'),
	lon: col('lon'),
	positionTs: ts('position_ts'),
	headingDeg: col('heading_deg'),
	speedMps: col('speed_mps'),
	batteryPct: col('battery_pct'),
	exercise: col('exercise'),
	demo: col('demo'),
	// The current assignment's tasking: only while the team is still on that incident.
	tasking: (a) => `(select ${taskingView.sql('k')} from tasking k
		where k.id = ${a}.tasking_id and k.incident_id = ${a}.incident_id)`
} satisfies ViewFields<TeamView>;

export const teamView = defineView<TeamView>('t', teamFields);

/** The change log's read: (entity_id, data) of the teams whose ids are $1 (a text[]). */
export const teamsById = `select t.id as entity_id, ${teamView.sql()} as data from team t
	where t.id = any($1::text[])`;
