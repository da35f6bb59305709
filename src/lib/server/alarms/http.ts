import { error, json, type RequestEvent } from '@sveltejs/kit';
import { actorOf } from '../auth/audit';
import { allows, ADMIN } from '../auth/roles';
import { clientAddress } from '../auth/throttle';
import type { SaveResult } from './rules';

/** The admin check of the rule routes (the route table enforces it first; this is the second lock). */
export function requireAdmin(event: RequestEvent): { actor: string; address: string } {
	if (!allows(ADMIN, event.locals.principal ?? null))
		error(403, 'Only an admin edits alarm rules.');
	return { actor: actorOf(event.locals.principal), address: clientAddress(event) };
}

/** The request's JSON body, or a 400 that says it is not JSON. */
export async function jsonBody(event: RequestEvent): Promise<unknown> {
	try {
		return await event.request.json();
	} catch {
		error(400, 'The body must be JSON.');
	}
}

/** A save's answer: 200/201 with the id, 400 naming the field, 404 for an unknown rule. */
export function saveAnswer(r: SaveResult, created: boolean): Response {
	if (r.ok) return json({ id: r.id }, { status: created ? 201 : 200 });
	if (r.problem === 'not_found') return json({ error: 'No such rule.' }, { status: 404 });
	return json(
		{ error: r.detail ?? 'Invalid rule.', problem: r.problem, field: r.field ?? null },
		{ status: 400 }
	);
}
