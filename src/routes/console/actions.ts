import { clientAddress } from '$lib/server/auth/throttle';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { actorOf, audit } from '$lib/server/auth/audit';
import { allows, OPERATE } from '$lib/server/auth/roles';
import { ConsoleError, type AlsoWrite } from '$lib/server/console/incidents';
import { fieldsOf, firstProblem } from '$lib/server/console/incident-forms';

/**
 * The shape of every console form action: read the form, validate it (a bad field is a 400 with
 * a message key and the fields as typed, so nothing is lost), act as the signed-in person, audit
 * it. A ConsoleError (no such incident, already handled) becomes its status and message.
 */
export async function consoleAction<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	names: readonly string[],
	act: (
		data: z.output<S>,
		actor: string,
		also: AlsoWrite
	) => Promise<Record<string, unknown> | void>,
	auditAs: { action: string; target: (data: z.output<S>) => string }
) {
	// The access hook checked the route table; the action checks again for itself.
	if (!allows(OPERATE, event.locals.principal ?? null))
		error(403, 'Your role does not allow this.');
	const fields = fieldsOf(await event.request.formData(), names);
	const parsed = schema.safeParse(fields);
	if (!parsed.success)
		return fail(400, { fields, action: auditAs.action, ...firstProblem(parsed.error) });
	const actor = actorOf(event.locals.principal);
	const entry = {
		actor,
		action: auditAs.action,
		target: auditAs.target(parsed.data),
		address: clientAddress(event)
	};
	try {
		// The audit entry is written in the action's own transaction: both commit, or neither.
		const result = (await act(parsed.data, actor, (tx) => audit(tx, entry))) ?? {};
		return { done: auditAs.action, ...result };
	} catch (e) {
		if (e instanceof ConsoleError)
			return fail(e.status, { fields, action: auditAs.action, problem: e.problem, field: '' });
		throw e;
	}
}
