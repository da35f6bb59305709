import { reportIncidentId } from '$lib/contracts/incident-id';
import { bulk } from '../../db/bulk';
import { addChange } from '../../live/changes';
import type { Handler, Of } from './types';

const ZERO_CASUALTIES = { dead: 0, injured: 0, missing: 0, trapped: 0 };
const ZERO_AFFECTED = { people: 0, households: 0 };

export { reportIncidentId };

/** Field reports become incidents in status `reported`, waiting for an operator. */
export const reports: Handler<'incident_report'> = async (tx, messages, changes) => {
	const rows = messages
		.map((m) => ({
			id: reportIncidentId(m.sender, m.msgId),
			ts: m.ts,
			type: m.body.type,
			severity: m.body.severity,
			title: m.body.title,
			description: m.body.description ?? null,
			lat: m.body.lat,
			lon: m.body.lon,
			area: m.body.area ?? null,
			casualties: { ...ZERO_CASUALTIES, ...m.body.casualties },
			affected: { ...ZERO_AFFECTED, ...m.body.affected },
			needs: m.body.needs ?? [],
			reporter: m.body.reporter,
			msgId: m.msgId,
			exercise: m.exercise
		}))
		// id order: concurrent transactions take the rows' locks in one order
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	await bulk(
		tx,
		(r) => `insert into incident (id, type, severity, status, title, description, lat, lon, area,
			casualties, affected, needs, reporter, reported_at, updated_ts, exercise)
		select id, type, severity, 'reported', title, description, lat, lon, area, casualties,
			affected, needs, reporter, ts, ts, exercise
		from ${r} as x(id text, ts timestamptz, type text, severity int, title text, description text,
			lat float8, lon float8, area jsonb, casualties jsonb, affected jsonb, needs jsonb,
			reporter text, exercise text)
		on conflict (id) do nothing`,
		rows
	);
	await bulk(
		tx,
		(r) => `insert into incident_event (incident_id, ts, kind, actor, data, exercise)
		select id, ts, 'reported', reporter, data, exercise
		from ${r} as x(id text, ts timestamptz, reporter text, data jsonb, exercise text)`,
		rows.map((row) => ({ ...row, data: { msgId: row.msgId, title: row.title } }))
	);
	for (const row of rows) addChange(changes, 'incident', row.id);
};

type Update = Of<'incident_update'>;

/**
 * Every update goes into the incident's history; the current fields take the newest by ts, so an
 * update arriving late is logged but does not overwrite a newer one.
 */
export const updates: Handler<'incident_update'> = async (tx, messages, changes) => {
	await bulk(
		tx,
		(r) => `insert into incident_event (incident_id, ts, kind, actor, data, exercise)
		select "incidentId", ts, 'update', sender, data, exercise
		from ${r} as x("incidentId" text, ts timestamptz, sender text, data jsonb, exercise text)`,
		messages.map((m) => ({
			incidentId: m.incidentId,
			ts: m.ts,
			sender: m.sender,
			data: { ...m.body, msgId: m.msgId },
			exercise: m.exercise
		}))
	);
	// Applied in rounds: round k holds the k-th oldest update of each incident, so every update is
	// applied in ts order, each only if newer than what the incident holds (one statement a round;
	// a batch rarely holds more than one update per incident).
	const byIncident = new Map<string, Update[]>();
	for (const m of messages) {
		const list = byIncident.get(m.incidentId);
		if (list) list.push(m);
		else byIncident.set(m.incidentId, [m]);
	}
	// In id order, so concurrent transactions lock incidents in one order.
	const lists = [...byIncident.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, list]) => list);
	for (const list of lists) list.sort((a, b) => a.ts.getTime() - b.ts.getTime());
	const rounds = Math.max(0, ...lists.map((l) => l.length));
	for (let k = 0; k < rounds; k++) {
		await bulk(
			tx,
			(r) => `update incident i set status = coalesce(x.status, i.status),
				severity = coalesce(x.severity, i.severity),
				casualties = i.casualties || coalesce(x.casualties, '{}'::jsonb),
				affected = i.affected || coalesce(x.affected, '{}'::jsonb),
				updated_ts = x.ts
			from ${r} as x("incidentId" text, ts timestamptz, status text, severity int,
				casualties jsonb, affected jsonb, exercise text)
			where i.id = x."incidentId" and i.updated_ts < x.ts
				and i.exercise is not distinct from x.exercise`,
			lists
				.filter((l) => l.length > k)
				.map(({ [k]: m }) => ({
					incidentId: m.incidentId,
					ts: m.ts,
					status: m.body.status ?? null,
					severity: m.body.severity ?? null,
					casualties: m.body.casualties ?? null,
					affected: m.body.affected ?? null,
					exercise: m.exercise
				}))
		);
	}
	for (const m of messages) addChange(changes, 'incident', m.incidentId);
};
