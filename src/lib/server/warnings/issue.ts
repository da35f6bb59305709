/**
 * Issuing an approved warning: written as CAP 1.2 (cap.ts) and stored through the EOC's own CAP
 * path (alerts/store.ts storeCap: the validator, the ingest's writer, the feed, MQTT and the
 * wall), then marked issued with the alert's key, and in that same transaction its messages to
 * the contacts in its area are queued in the outbox (out/fanout.ts); the sender is woken after the
 * commit. An approval whose issue failed (the database refused the alert, or its messages could
 * not be written) stays approved and can be issued again: the CAP alert is the same one (cap.ts),
 * and the messages' keys make a second write of them a no-op.
 */
import { xmlOf } from '../alerts/issue';
import { storeCap } from '../alerts/store';
import { ConsoleError } from '../console/error';
import type { Database } from '../db/types';
import type { Scope } from '../exercises/scope';
import type { Messaging } from '../messaging';
import { placeIndex } from '../places/index';
import { warningAlert } from './cap';
import { enqueueWarning, routingOf } from './out/fanout';
import { markIssued, readWarning, type WarningActor } from './store';

export async function issueWarning(
	db: Database,
	id: string,
	actor: WarningActor,
	scope: Scope,
	opts: {
		sender: string;
		eocName: string;
		now?: Date;
		/** The running messaging (its routing; poked after the commit); null: not started. */
		messaging?: Pick<Messaging, 'routing' | 'poke'> | null;
	}
): Promise<{ identifier: string; alertId: string; messages: number }> {
	const w = await readWarning(db, id);
	if (!w) throw new ConsoleError(404, 'warning_not_found');
	if (w.exercise !== scope) throw new ConsoleError(409, 'other_picture');
	if (w.status !== 'approved') throw new ConsoleError(409, 'warning_not_approved');
	const index = await placeIndex(db);
	const alert = warningAlert(w, {
		sender: opts.sender,
		eocName: opts.eocName,
		now: opts.now ?? new Date(),
		index
	});
	const r = await storeCap(db, xmlOf(alert), {
		origin: 'eoc',
		actor: actor.audit,
		address: actor.address
	});
	if (!r.ok) throw new ConsoleError(400, 'warning_issue_failed');
	let messages = 0;
	const issued = await markIssued(db, id, r.id, actor, opts.now, async (tx, issuedWarning) => {
		messages = await enqueueWarning(tx, issuedWarning, {
			index,
			routing: routingOf(opts.messaging),
			createdBy: actor.audit
		});
		return { messages };
	});
	if (!issued) throw new ConsoleError(409, 'warning_not_approved');
	opts.messaging?.poke();
	return { identifier: r.identifier, alertId: r.id, messages };
}
