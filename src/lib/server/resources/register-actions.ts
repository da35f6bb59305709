/**
 * The register page's form actions (/console/resources): the grant checked again, the form
 * validated with register-fields.ts, then the write in one transaction with its changes recorded.
 * A refusal (role, field, conflict) is a 4xx answer naming the action, the problem, its field and
 * the fields as typed (nothing is retyped), and is written to the audit log as well.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { services } from '../app/runtime';
import { audit } from '../auth/audit';
import { allows } from '../auth/roles';
import { actorFor } from '../console/grants';
import type { Queryable } from '../db/types';
import { RegisterError, registerLookup, type Who } from '../entities/resource/register';
import { recordChanges, type ChangeSet } from '../live/changes';
import { REGISTER_ACTIONS } from './register-grants';
import type { FieldProblem, Parsed, RegisterLookup } from './register-fields';

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;
export type RegisterAction = keyof typeof REGISTER_ACTIONS;
type Answer = Record<string, unknown>;

export const whoOf = (event: Event): Who => {
	const a = actorFor(event);
	return { audit: a.audit, address: a.address };
};

/** A refused action, recorded: its status and what the page shows beside the form. */
export async function refuse(
	event: Event,
	target: string | null,
	status: 400 | 403 | 404 | 409 | 413,
	body: { action: RegisterAction; problem: string; field?: string } & Answer
) {
	const who = whoOf(event);
	await audit(services().db, {
		actor: who.audit,
		address: who.address,
		action: 'resource.form-refused',
		target,
		detail: { action: body.action, problem: body.problem, field: body.field ?? '' }
	});
	return fail(status, body);
}

/** The role check of rules.ts again: null when allowed, else the refusal to return. */
export const notAllowed = (event: Event, action: RegisterAction) =>
	allows(REGISTER_ACTIONS[action], event.locals.principal)
		? null
		: refuse(event, null, 403, { action, problem: 'not_allowed' });

/** The first problem of each field, shown beside it. */
export function byField(problems: FieldProblem[]) {
	const out: Record<string, FieldProblem> = {};
	for (const p of problems) out[p.field] ??= p;
	return out;
}

/**
 * One write of the register: the form's `fields` parsed by `parse` (with the kinds and teams),
 * then `act` in one transaction, its changes recorded in it.
 */
export async function registerAction<T, R extends Answer>(
	event: Event,
	opts: {
		action: RegisterAction;
		target: string | null;
		fields: Record<string, string>;
		parse: (fields: Record<string, string>, lookup: RegisterLookup) => Parsed<T>;
	},
	act: (tx: Queryable, value: T, who: Who, changes: ChangeSet) => Promise<R>
) {
	const { action, target, fields } = opts;
	const no = notAllowed(event, action);
	if (no) return no;
	const db = services().db;
	const parsed = opts.parse(fields, await registerLookup(db));
	if (!parsed.ok) {
		const first = parsed.problems[0];
		return refuse(event, target, 400, {
			action,
			fields,
			problem: first.problem,
			field: first.field,
			params: first.params ?? {},
			problems: byField(parsed.problems)
		});
	}
	try {
		const result = await db.transaction(async (tx) => {
			const changes: ChangeSet = new Map();
			const r = await act(tx, parsed.value, whoOf(event), changes);
			await recordChanges(tx, changes);
			return r;
		});
		return { action, ...result };
	} catch (e) {
		if (!(e instanceof RegisterError)) throw e;
		return refuse(event, target, e.status, {
			action,
			fields,
			problem: e.problem,
			field: e.field,
			params: e.params,
			problems: { [e.field]: { field: e.field, problem: e.problem, params: e.params } }
		});
	}
}
