import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { acknowledgeIncident, assignTeam, updateIncident } from '$lib/server/console/incidents';
import {
	assignSchema,
	EDITABLE_STATUSES,
	editIncidentSchema
} from '$lib/server/console/incident-forms';
import { readIncident, readIncidentHistory } from '$lib/server/entities/incident/read';
import { readTeams } from '$lib/server/entities/team/read';
import { services } from '$lib/server/app/runtime';
import { consoleAction } from '../../actions';
import type { Actions, PageServerLoad } from './$types';

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export const load: PageServerLoad = async ({ params }) => {
	const db = services().db;
	const incident = await readIncident(db, params.id);
	if (!incident) error(404, 'There is no such incident.');
	const events = await readIncidentHistory(db, params.id);
	return {
		statuses: EDITABLE_STATUSES,
		incident,
		events: events.map((e) => ({
			id: Number(e.id),
			ts: new Date(e.ts).getTime(),
			kind: e.kind,
			actor: e.actor,
			// Worded on the page (history.ts), in the screen's language.
			data: parse<unknown>(e.data)
		})),
		// Only the teams of the incident's own picture can be assigned to it.
		teams: (await readTeams(db, incident.exercise)).map((t) => ({
			id: t.id,
			callsign: t.callsign,
			status: t.status,
			incidentId: t.incidentId,
			tasking: t.tasking
		}))
	};
};

const EDIT_FIELDS = [
	'title',
	'description',
	'place',
	'severity',
	'status',
	'dead',
	'injured',
	'missing',
	'trapped',
	'people',
	'households',
	'note'
] as const;

export const actions: Actions = {
	update: (event) =>
		consoleAction(
			event,
			editIncidentSchema,
			EDIT_FIELDS,
			(f, actor, also) =>
				updateIncident(services().db, event.params.id, f, actor, event.locals.exercise, also),
			{ action: 'incident-update', target: () => event.params.id }
		),
	acknowledge: (event) =>
		consoleAction(
			event,
			z.object({}),
			[],
			(_f, actor, also) =>
				acknowledgeIncident(services().db, event.params.id, actor, event.locals.exercise, also),
			{ action: 'incident-acknowledge', target: () => event.params.id }
		),
	assign: (event) =>
		consoleAction(
			event,
			assignSchema,
			['teamId', 'message', 'priority'],
			async (f, actor, also) => {
				const { db, tasking, messaging } = services();
				const t = await assignTeam(
					db,
					event.params.id,
					f.teamId,
					f.message,
					f.priority,
					actor,
					event.locals.exercise,
					also,
					messaging?.routing ?? null
				);
				if (t.smsRef) messaging?.poke();
				// After the commit: a tasking for an assignment that rolled back never goes out.
				return { delivered: await tasking.publish(t.teamId, t.payload) };
			},
			{ action: 'team-assign', target: (f) => `${f.teamId} → ${event.params.id}` }
		)
};
