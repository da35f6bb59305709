/**
 * The console's warning pages' form actions: who may use each (rules.ts names the same grants, a
 * unit test holds them equal; each action checks again itself), and the form read and validated
 * at the boundary. A bad form is a 400 naming the field, with the fields as typed so nothing is
 * lost, and is audited (`warning.form-refused`) as every refusal is.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { audit } from '../auth/audit';
import { allows, OPERATE, SUPERVISE, type Grant } from '../auth/roles';
import { actorFor } from '../console/grants';
import { ConsoleError } from '../console/error';
import { fieldsOf } from '../console/incident-forms';
import { services } from '../app/runtime';
import { readSettings } from '../settings/store';
import { placeIndex } from '../places/index';
import { problemOf, WARNING_FIELDS, warningSchema, type WarningForm } from './form';
import type { WarningActor } from './store';

/** Approving, rejecting and issuing: a supervisor or an admin, never the drafter (store.ts). */
export const APPROVE: readonly Grant[] = SUPERVISE;

export const NEW_WARNING_ACTIONS = { draft: OPERATE } as const;
export const WARNING_ACTIONS = {
	update: OPERATE,
	approve: APPROVE,
	reject: APPROVE,
	issue: APPROVE,
	/** Resending an issued warning's failed messages: whoever may issue it. */
	resend: APPROVE
} as const;

/** The field a refusal from the database is about (a hazard with no extent in this picture). */
const fieldOf = (problem: string) => (problem === 'warning_hazard_missing' ? 'hazardId' : '');

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;

export function actorOfEvent(event: Event): WarningActor {
	const a = actorFor(event);
	return { audit: a.audit, address: a.address };
}

/** The grant check of one action: a 403 answer, or null when allowed. */
export function refusedFor(event: Event, grant: readonly Grant[], action: string) {
	return allows(grant, event.locals.principal)
		? null
		: fail(403, { action, problem: 'not_allowed' });
}

/**
 * Reads and validates the warning form, then acts: the answer of `act`, or a 400 naming the bad
 * field (audited), or the status and message of a ConsoleError `act` threw.
 */
export async function withWarningForm(
	event: Event,
	action: string,
	target: string | null,
	act: (f: WarningForm, actor: WarningActor) => Promise<Record<string, unknown>>
) {
	const fields = fieldsOf(await event.request.formData(), WARNING_FIELDS);
	const db = services().db;
	const { area } = await readSettings(db);
	const parsed = warningSchema(area.bbox, await placeIndex(db)).safeParse(fields);
	const actor = actorOfEvent(event);
	if (!parsed.success) {
		const problem = problemOf(parsed.error);
		await audit(db, {
			actor: actor.audit,
			action: 'warning.form-refused',
			target,
			detail: { action, ...problem },
			address: actor.address
		});
		return fail(400, { action, fields, ...problem });
	}
	try {
		return { action, ...(await act(parsed.data, actor)) };
	} catch (e) {
		if (e instanceof ConsoleError)
			return fail(e.status, { action, fields, problem: e.problem, field: fieldOf(e.problem) });
		throw e;
	}
}

/** Runs a step of a warning as `action`: its answer, or the status and message it was refused with. */
export async function step(action: string, act: () => Promise<Record<string, unknown>>) {
	try {
		return { action, ...(await act()) };
	} catch (e) {
		if (e instanceof ConsoleError) return fail(e.status, { action, problem: e.problem });
		throw e;
	}
}
