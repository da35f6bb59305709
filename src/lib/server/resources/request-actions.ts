/**
 * The console's request pages' form actions: who may use each (rules.ts names the same grants, a
 * unit test holds them equal; each action checks again itself), the form validated at the
 * boundary, the step in one transaction with its changes (the step's row and audit entry are
 * written by entities/resource/requests.ts), and the taskings of assigned resources published
 * after the commit. A refusal (role, field, step) is a 4xx answer naming the action, the problem
 * and its field, with the fields as typed; it is recorded in the audit log too.
 */
import { randomBytes } from 'node:crypto';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { services } from '../app/runtime';
import { audit } from '../auth/audit';
import { allows, type Grant } from '../auth/roles';
import { actorFor } from '../console/grants';
import type { Queryable } from '../db/types';
import { RequestError, type AssignedResource } from '../entities/resource/requests';
import { recordChanges, type ChangeSet } from '../live/changes';
import { log } from '../ops/log';
import type { ResourceTaskingMessage } from '../tasking/publisher';
import { problemsOf } from './request-forms';

export { NEW_REQUEST_ACTIONS, REQUEST_ACTIONS } from './request-grants';

/** The field a refusal of the lifecycle is about, to show it next to that field. */
const FIELD_OF: Record<string, string> = {
	req_reason_missing: 'reason',
	req_kind_unknown: 'kindId',
	req_incident_unknown: 'incidentId',
	req_where_missing: 'place',
	req_assign_empty: 'resources',
	req_assign_too_many: 'resources',
	req_resource_unknown: 'resources',
	req_resource_other_kind: 'resources',
	req_resource_not_available: 'resources',
	req_store_unknown: 'storeId',
	req_stock_short: 'quantity'
};

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;
type Answer = Record<string, unknown>;

/** A refused action, recorded: its status and what the page shows beside the form. */
async function refused(
	event: Event,
	target: string | null,
	status: 400 | 403 | 404 | 409,
	body: { action: string; problem: string; field?: string } & Answer
) {
	const who = actorFor(event);
	await audit(services().db, {
		actor: who.audit,
		action: 'request.form-refused',
		target,
		detail: { action: body.action, problem: body.problem, field: body.field ?? '' },
		address: who.address
	});
	return fail(status, body);
}

/**
 * One action on a request: the grant checked again, the form parsed with `schema`, then `act` in
 * one transaction (its changes recorded in it). `fields` is the form as typed, sent back with a
 * problem so nothing is lost.
 */
export async function requestAction<S extends z.ZodType, R extends Answer>(
	event: Event,
	opts: {
		action: string;
		grant: readonly Grant[];
		target: string | null;
		fields: Record<string, unknown>;
		value?: unknown;
		schema: S;
		/** Fields this form names otherwise than FIELD_OF (a supply's quantity, not its resources). */
		fieldOf?: Record<string, string>;
	},
	act: (
		tx: Queryable,
		f: z.output<S>,
		actor: { audit: string; address: string | null },
		changes: ChangeSet
	) => Promise<R>
) {
	const { action, target, fields } = opts;
	if (!allows(opts.grant, event.locals.principal))
		return refused(event, target, 403, { action, problem: 'not_allowed' });
	const parsed = opts.schema.safeParse(opts.value ?? fields);
	if (!parsed.success)
		return refused(event, target, 400, { action, fields, ...problemsOf(parsed.error) });
	const who = actorFor(event);
	try {
		const result = await services().db.transaction(async (tx) => {
			const changes: ChangeSet = new Map();
			const r = await act(tx, parsed.data, { audit: who.audit, address: who.address }, changes);
			await recordChanges(tx, changes);
			return r;
		});
		return { action, ...result };
	} catch (e) {
		if (!(e instanceof RequestError)) throw e;
		const field = opts.fieldOf?.[e.problem] ?? FIELD_OF[e.problem] ?? '';
		return refused(event, target, e.status, {
			action,
			fields,
			problem: e.problem,
			params: e.params,
			field,
			problems: field ? { [field]: e.problem } : {}
		});
	}
}

/** The tasking of one assigned resource, per the resource tasking contract. */
export function taskingOf(a: AssignedResource, message: string): ResourceTaskingMessage {
	const where = a.place ?? (a.incidentId ? `incident ${a.incidentId}` : null);
	return {
		msgId: 'tasking-' + randomBytes(8).toString('hex'),
		ts: new Date().toISOString(),
		requestId: a.requestId,
		...(a.incidentId ? { incidentId: a.incidentId } : {}),
		...(a.place ? { place: a.place.slice(0, 200) } : {}),
		...(a.lat !== null && a.lon !== null ? { lat: a.lat, lon: a.lon } : {}),
		message: (message || `Request ${a.requestId}${where ? `: go to ${where}` : ''}`).slice(0, 1000),
		priority: a.priority,
		...(a.exercise ? { exercise: a.exercise } : {})
	};
}

/**
 * Publishes each assigned resource's tasking, after the commit (a tasking for an assignment that
 * rolled back never goes out). Returns the resources whose tasking the broker has not
 * acknowledged: mqtt.js keeps them queued and sends them when it reconnects; the page says so.
 */
export async function publishTaskings(
	assigned: readonly AssignedResource[],
	message: string
): Promise<string[]> {
	const { tasking } = services();
	const queued: string[] = [];
	for (const a of assigned) {
		try {
			if (!(await tasking.publishResource(a.resourceId, taskingOf(a, message)))) {
				log.warn({ resourceId: a.resourceId, requestId: a.requestId }, 'resource tasking queued');
				queued.push(a.resourceId);
			}
		} catch (err) {
			log.error({ err, resourceId: a.resourceId }, 'resource tasking not published');
			queued.push(a.resourceId);
		}
	}
	return queued;
}
