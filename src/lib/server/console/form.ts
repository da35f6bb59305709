import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { allows, type Grant } from '../auth/roles';

/** The named fields of a posted form as strings ('' when absent), to validate and to echo back. */
export function fieldsOf<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const n of names) {
		const v = form.get(n);
		out[n] = typeof v === 'string' ? v : '';
	}
	return out;
}

/** What a console form gets back when it is refused or its fields do not validate. */
export interface FormProblem {
	action: string;
	/** The row the form was about, when it names one. */
	id?: string;
	fields?: Record<string, string>;
	/** A key of messages/*.json. */
	problem: string;
	field?: string;
}

export type Taken<K extends string, T> =
	| { ok: true; data: T; fields: Record<K, string> }
	| { ok: false; failure: ActionFailure<FormProblem> };

/**
 * The first steps of every console action: check the grant again (the hook did, from rules.ts;
 * this is the action's own check, so that a hook that did not run or a rule loosened by mistake
 * still refuses), read the fields, validate them. A refusal is 403, a bad field 400 with its
 * message key and the fields as sent, so nothing typed is lost.
 */
export async function takeForm<A extends string, K extends string, S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'request'>,
	grants: Record<A, readonly Grant[]>,
	action: A,
	names: readonly K[],
	schema: S
): Promise<Taken<K, z.output<S>>> {
	if (!allows(grants[action], event.locals.principal))
		return { ok: false, failure: fail(403, { action, problem: 'not_allowed' }) };
	const fields = fieldsOf(await event.request.formData(), names);
	const parsed = schema.safeParse(fields);
	if (parsed.success) return { ok: true, data: parsed.data, fields };
	const issue = parsed.error.issues[0];
	const id = (fields as Record<string, string>).id;
	return {
		ok: false,
		failure: fail(400, {
			action,
			...(id === undefined ? {} : { id }),
			fields,
			problem: issue.message,
			field: String(issue.path[0] ?? '')
		})
	};
}
