/**
 * Issuing an approved warning: written as CAP 1.2 (cap.ts) and stored through the EOC's own CAP
 * path (alerts/store.ts storeCap: the validator, the ingest's writer, the feed, MQTT and the
 * wall), then marked issued with the alert's key. An approval whose issue failed (the database
 * refused the alert) stays approved and can be issued again.
 */
import { xmlOf } from '../alerts/issue';
import { storeCap } from '../alerts/store';
import { ConsoleError } from '../console/error';
import type { Database } from '../db/types';
import type { Scope } from '../exercises/scope';
import { placeIndex } from '../places/index';
import { warningAlert } from './cap';
import { markIssued, readWarning, type WarningActor } from './store';

export async function issueWarning(
	db: Database,
	id: string,
	actor: WarningActor,
	scope: Scope,
	opts: { sender: string; eocName: string; now?: Date }
): Promise<{ identifier: string; alertId: string }> {
	const w = await readWarning(db, id);
	if (!w) throw new ConsoleError(404, 'warning_not_found');
	if (w.exercise !== scope) throw new ConsoleError(409, 'other_picture');
	if (w.status !== 'approved') throw new ConsoleError(409, 'warning_not_approved');
	const index = await placeIndex(db);
	const alert = warningAlert(w, { ...opts, now: opts.now ?? new Date(), index });
	const r = await storeCap(db, xmlOf(alert), {
		origin: 'eoc',
		actor: actor.audit,
		address: actor.address
	});
	if (!r.ok) throw new ConsoleError(400, 'warning_issue_failed');
	if (!(await markIssued(db, id, r.id, actor))) throw new ConsoleError(409, 'warning_not_approved');
	return { identifier: r.identifier, alertId: r.id };
}
