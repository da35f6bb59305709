import { error } from '@sveltejs/kit';
import type { RequestStatus } from '$lib/contracts/resources';
import { services } from '$lib/server/app/runtime';
import { mayUse } from '$lib/server/console/grants';
import { fieldsOf } from '$lib/server/console/incident-forms';
import { readIncident } from '$lib/server/entities/incident/read';
import { readResourceKinds } from '$lib/server/entities/resource/read';
import { readRequest, readRequestSteps } from '$lib/server/entities/resource/request-read';
import { assignRequest, stepRequest } from '$lib/server/entities/resource/requests';
import { requestPoint, suggestResources, suggestStores } from '$lib/server/resources/matching';
import {
	publishTaskings,
	REQUEST_ACTIONS,
	requestAction
} from '$lib/server/resources/request-actions';
import {
	assignFields,
	assignResourcesSchema,
	assignStockSchema,
	noteSchema,
	reasonSchema
} from '$lib/server/resources/request-forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The request, its steps, what it was given, and for an approved one what could answer it. */
export const load: PageServerLoad = async (event) => {
	const { params, locals } = event;
	const db = services().db;
	const request = await readRequest(db, params.id);
	// A drill's request is seen in the drill's picture only, a real one in the real picture.
	if (!request || request.exercise !== locals.exercise)
		error(404, 'There is no such request in this picture.');
	const kinds = await readResourceKinds(db);
	const kind = kinds.find((k) => k.id === request.kindId) ?? null;
	const point = await requestPoint(db, request);
	const approved = request.status === 'approved';
	const supply = kind?.class === 'supply';
	const ids = request.assigned.flatMap((a) => (a.resourceId ? [a.resourceId] : []));
	return {
		request,
		kind,
		steps: await readRequestSteps(db, params.id),
		incident: request.incidentId
			? ((await readIncident(db, request.incidentId))?.title ?? null)
			: null,
		/** Where the distances are measured from, and whether it is the incident's point. */
		point: point && { ...point, ofIncident: request.lat === null },
		resources:
			approved && !supply
				? await suggestResources(db, request.kindId, request.exercise, point)
				: [],
		stores:
			approved && supply ? await suggestStores(db, request.kindId, request.exercise, point) : [],
		assignedResources: ids.length
			? await db.query<{ id: string; name: string; plate: string | null; status: string }>(
					'select id, name, plate, status from resource where id = any($1::text[]) order by id',
					[ids]
				)
			: [],
		storeNames: Object.fromEntries(
			(
				await db.query<{ id: string; name: string }>(
					'select id, name from store where id = any($1::text[])',
					[request.assigned.flatMap((a) => (a.storeId ? [a.storeId] : []))]
				)
			).map((s) => [s.id, s.name])
		) as Record<string, string>,
		may: mayUse(REQUEST_ACTIONS, event)
	};
};

/** A step with an optional note (approve, en route, delivered) or a required reason. */
async function step(event: RequestEvent, action: keyof typeof REQUEST_ACTIONS, to: RequestStatus) {
	const fields = fieldsOf(await event.request.formData(), ['reason']);
	const needsReason = to === 'refused' || to === 'cancelled';
	return requestAction(
		event,
		{
			action,
			grant: REQUEST_ACTIONS[action],
			target: event.params.id,
			fields,
			schema: needsReason ? reasonSchema : noteSchema
		},
		async (tx, f, actor, changes) => {
			await stepRequest(tx, event.params.id, to, actor, f.reason, changes, {
				picture: event.locals.exercise
			});
			return { done: to };
		}
	);
}

export const actions: Actions = {
	approve: (event) => step(event, 'approve', 'approved'),
	refuse: (event) => step(event, 'refuse', 'refused'),
	enroute: (event) => step(event, 'enroute', 'en_route'),
	deliver: (event) => step(event, 'deliver', 'delivered'),
	cancel: (event) => step(event, 'cancel', 'cancelled'),

	/** Resources (equipment) or a store's quantity (a supply); each resource gets its tasking. */
	assign: async (event) => {
		const fields = assignFields(await event.request.formData());
		const stock =
			fields.storeId !== '' || (fields.resources.length === 0 && fields.quantity !== '');
		const answer = await requestAction(
			event,
			{
				action: 'assign',
				grant: REQUEST_ACTIONS.assign,
				target: event.params.id,
				fields,
				schema: stock ? assignStockSchema : assignResourcesSchema,
				fieldOf: stock ? { req_assign_too_many: 'quantity' } : {}
			},
			async (tx, f, actor, changes) => {
				const what =
					'storeId' in f
						? { storeId: f.storeId as string, quantity: f.quantity as number }
						: { resources: f.resources as string[] };
				const assigned = await assignRequest(tx, event.params.id, what, actor, changes, {
					picture: event.locals.exercise
				});
				return { done: 'assigned', assigned, message: f.message ?? '' };
			}
		);
		if (!('assigned' in answer)) return answer;
		const { assigned, message, ...rest } = answer;
		// After the commit: a tasking for an assignment that rolled back never goes out.
		const queued = await publishTaskings(assigned, message);
		return { ...rest, supply: stock, tasked: assigned.length - queued.length, queued };
	}
};
