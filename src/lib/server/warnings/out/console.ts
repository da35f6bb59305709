/**
 * The warning page's part about its messages: before approval, what the SMS will be and whom the
 * area reaches now; once issued, the progress (also served alone for the page's polling); and
 * the supervisor's "resend the failed ones".
 */
import type { Warning } from '../../db/schema';
import type { Database } from '../../db/types';
import { ConsoleError } from '../../console/error';
import type { Scope } from '../../exercises/scope';
import { resendFailed } from '../../messaging/outbox/resend';
import type { Routing } from '../../messaging/outbox/routes';
import type { Indexed } from '../../places/search';
import { readWarning, type WarningActor } from '../store';
import type { Progress, Reach, SmsPreview } from '$lib/warnings/out';
import { reachNow, smsPreview, warningProgress } from './progress';

export type WarningOut =
	| { stage: 'before'; sms: SmsPreview[]; reach: Reach }
	| { stage: 'issued'; progress: Progress }
	| { stage: 'none' };

export async function warningOut(
	db: Database,
	w: Warning,
	o: { index?: readonly Indexed[]; routing: Routing }
): Promise<WarningOut> {
	if (w.status === 'draft' || w.status === 'approved')
		return { stage: 'before', sms: smsPreview(w, o.index), reach: await reachNow(db, w, o) };
	if (w.status === 'issued') return { stage: 'issued', progress: await warningProgress(db, w.id) };
	return { stage: 'none' };
}

/** The warning of this picture, when issued; else the refusal the page shows. */
async function issuedOf(db: Database, id: string, scope: Scope): Promise<Warning> {
	const w = await readWarning(db, id);
	if (!w) throw new ConsoleError(404, 'warning_not_found');
	if (w.exercise !== scope) throw new ConsoleError(409, 'other_picture');
	if (w.status !== 'issued') throw new ConsoleError(409, 'warnout_not_issued');
	return w;
}

/** Progress of an issued warning of this picture (the page polls it). */
export async function progressOf(db: Database, id: string, scope: Scope): Promise<Progress> {
	return warningProgress(db, (await issuedOf(db, id, scope)).id);
}

/** Requeues the warning's failed messages (audited); how many. */
export async function resendWarning(
	db: Database,
	id: string,
	actor: WarningActor,
	scope: Scope
): Promise<number> {
	const w = await issuedOf(db, id, scope);
	return resendFailed(db, { kind: 'warning', id: w.id }, actor);
}
