import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { allows, type Grant } from '../auth/roles';
import { fieldsOf, firstProblem } from './incident-forms';
import { ConsoleError } from './incidents';

type Answer = Record<string, unknown>;

/**
 * One form action of the console's log and settings pages: check the grant again (the hook did,
 * from rules.ts; this is the action's own check, so that a hook that did not run still refuses),
 * read and validate the fields, act. A refusal is 403; a bad field 400 with its message key and
 * the fields as sent, so nothing typed is lost; a ConsoleError thrown by `act` (inside its
 * transaction, which it rolls back) becomes its status and message key. Every answer names the
 * action, and the row (`id`) when the form has one, so the page shows it beside that form.
 */
export async function consoleForm<A extends string, S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'request'>,
	grants: Record<A, readonly Grant[]>,
	action: A,
	names: readonly string[],
	schema: S,
	act: (data: z.output<S>) => Promise<Answer>
) {
	if (!allows(grants[action], event.locals.principal))
		return fail(403, { action, problem: 'not_allowed' });
	const fields = fieldsOf(await event.request.formData(), names);
	const about = names.includes('id') ? { id: fields.id } : {};
	const parsed = schema.safeParse(fields);
	if (!parsed.success)
		return fail(400, { action, ...about, fields, ...firstProblem(parsed.error) });
	try {
		return { action, ...about, ...(await act(parsed.data)) };
	} catch (e) {
		if (e instanceof ConsoleError)
			return fail(e.status, { action, ...about, fields, problem: e.problem });
		throw e;
	}
}
